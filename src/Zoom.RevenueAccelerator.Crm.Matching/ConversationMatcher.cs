using System;
using Zoom.RevenueAccelerator.Crm.Matching.Internal;

namespace Zoom.RevenueAccelerator.Crm.Matching;

/// <summary>Creates conversation matchers.</summary>
public static class ConversationMatcher
{
    /// <summary>Builds a matcher's index from a snapshot.</summary>
    /// <param name="snapshot">The CRM data.</param>
    /// <param name="options">The rules' settings; the defaults when <see langword="null"/>.</param>
    /// <param name="domains">The registrable-domain resolver; <see cref="RegistrableDomains.Default"/> when <see langword="null"/>.</param>
    /// <returns>The matcher.</returns>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    public static IConversationMatcher Create(CrmSnapshot snapshot, MatchingOptions? options = null, IRegistrableDomainResolver? domains = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new IndexedConversationMatcher(snapshot, options ?? new MatchingOptions(), domains ?? RegistrableDomains.Default);
    }
}
