using System.Collections.Generic;
using Zoom.RevenueAccelerator.Crm.Matching.Internal;

namespace Zoom.RevenueAccelerator.Crm.Matching;

/// <summary>The built-in registrable-domain resolver.</summary>
public static class RegistrableDomains
{
    /// <summary>Gets the resolver built on <see cref="BuiltInMultiLabelSuffixes"/>.</summary>
    public static IRegistrableDomainResolver Default { get; } = new SuffixListResolver(BuiltInSuffixes.All);

    /// <summary>Gets the multi-label public suffixes the built-in resolver knows (<c>co.uk</c>, <c>com.au</c>, ...).</summary>
    public static IReadOnlyCollection<string> BuiltInMultiLabelSuffixes => BuiltInSuffixes.All;

    /// <summary>Makes a resolver from a list of multi-label public suffixes (from the Public Suffix List, for example).</summary>
    /// <param name="multiLabelSuffixes">Suffixes of two or more labels, lower-case, without a leading dot.</param>
    /// <returns>The resolver.</returns>
    public static IRegistrableDomainResolver FromSuffixes(IEnumerable<string> multiLabelSuffixes) => new SuffixListResolver(multiLabelSuffixes);
}
