namespace Zoom.RevenueAccelerator.Crm;

/// <summary>Where a conversation's participant came from.</summary>
public enum ParticipantSource
{
    /// <summary>The calendar invite.</summary>
    Calendar = 0,

    /// <summary>Someone who joined the meeting or call.</summary>
    Attendee = 1,

    /// <summary>The host (a seller).</summary>
    Host = 2,
}
