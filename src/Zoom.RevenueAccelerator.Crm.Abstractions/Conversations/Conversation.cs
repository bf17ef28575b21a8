using System;
using System.Collections.Generic;

namespace Zoom.RevenueAccelerator.Crm;

/// <summary>A recorded conversation (a meeting or a phone call) to tie to CRM records.</summary>
public sealed record Conversation
{
    /// <summary>Gets the host application's id of the conversation.</summary>
    public required string Id { get; init; }

    /// <summary>Gets whether it is a meeting or a phone call.</summary>
    public ConversationKind Kind { get; init; }

    /// <summary>Gets when it started (UTC).</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>Gets when it ended (UTC).</summary>
    public DateTimeOffset End { get; init; }

    /// <summary>Gets its title.</summary>
    public string? Title { get; init; }

    /// <summary>Gets the host's e-mail address (a seller; always internal).</summary>
    public string? Host { get; init; }

    /// <summary>Gets the participants, in the order the recording lists them.</summary>
    public IReadOnlyList<ConversationParticipant> Participants { get; init; } = [];
}
