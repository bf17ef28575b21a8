using System;
using System.Collections.Generic;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>What the host's analysis of a conversation found, for the activity written to the CRM.</summary>
public sealed record ConversationAnalysis
{
    /// <summary>Gets the activity's subject; the default names the conversation's kind.</summary>
    public string? Subject { get; init; }

    /// <summary>Gets the summary, written into the activity's description.</summary>
    public string? Summary { get; init; }

    /// <summary>Gets the competitors mentioned, most important first.</summary>
    public IReadOnlyList<string> Competitors { get; init; } = [];

    /// <summary>Gets a link to the recording or the conversation's page in the host app.</summary>
    public Uri? Link { get; init; }
}
