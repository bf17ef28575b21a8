using System;

namespace Zoom.RevenueAccelerator.Crm.Matching;

/// <summary>Who set a manual match, and when.</summary>
/// <param name="By">Who set it.</param>
/// <param name="At">When.</param>
public sealed record ManualMatchInfo(string By, DateTimeOffset At);
