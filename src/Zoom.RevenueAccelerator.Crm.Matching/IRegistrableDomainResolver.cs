using System;

namespace Zoom.RevenueAccelerator.Crm.Matching;

/// <summary>
/// Finds a domain's registrable domain: its last label plus one, or two where the last two form
/// a multi-label public suffix (<c>mail.gamma.co.uk</c> → <c>gamma.co.uk</c>). The built-in
/// <see cref="RegistrableDomains.Default"/> knows the common multi-label suffixes; a host can
/// supply one backed by the full Public Suffix List.
/// </summary>
public interface IRegistrableDomainResolver
{
    /// <summary>Returns the registrable part of a normalised (lower-case, ASCII) domain, as a slice of it.</summary>
    /// <param name="domain">The domain.</param>
    /// <returns>The registrable domain; the whole domain when it has too few labels.</returns>
    ReadOnlySpan<char> GetRegistrableDomain(ReadOnlySpan<char> domain);
}
