namespace Zoom.RevenueAccelerator.Crm;

/// <summary>What kind of conversation was recorded.</summary>
public enum ConversationKind
{
    /// <summary>A meeting (participants are looked up by e-mail first).</summary>
    Meeting = 0,

    /// <summary>A phone call (participants are looked up by phone first).</summary>
    PhoneCall = 1,
}
