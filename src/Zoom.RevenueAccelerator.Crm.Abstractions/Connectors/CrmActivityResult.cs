namespace Zoom.RevenueAccelerator.Crm;

/// <summary>The outcome of an activity write.</summary>
/// <param name="ActivityId">The CRM's id of the activity.</param>
/// <param name="Created"><see langword="true"/> when this call created it; <see langword="false"/> when it updated it.</param>
public sealed record CrmActivityResult(string ActivityId, bool Created);
