namespace Zoom.RevenueAccelerator.Crm.Testing;

/// <summary>An activity the fake CRM holds.</summary>
/// <param name="ActivityId">The fake CRM's id of the activity.</param>
/// <param name="Activity">The last content written.</param>
/// <param name="Writes">How many writes reached it (1 for a create; more after updates).</param>
public sealed record FakeCrmActivity(string ActivityId, CrmActivity Activity, int Writes);
