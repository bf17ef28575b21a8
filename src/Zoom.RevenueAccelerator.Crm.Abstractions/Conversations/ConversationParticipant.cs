namespace Zoom.RevenueAccelerator.Crm;

/// <summary>One participant of a conversation, as the recording knows them.</summary>
public sealed record ConversationParticipant
{
    /// <summary>Gets the e-mail address, as given (it is normalised when matched).</summary>
    public string? Email { get; init; }

    /// <summary>Gets the phone number, as given.</summary>
    public string? Phone { get; init; }

    /// <summary>Gets the display name.</summary>
    public string? Name { get; init; }

    /// <summary>Gets where the participant came from.</summary>
    public ParticipantSource Source { get; init; }
}
