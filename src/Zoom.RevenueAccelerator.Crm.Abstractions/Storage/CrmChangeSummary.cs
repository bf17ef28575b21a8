namespace Zoom.RevenueAccelerator.Crm;

/// <summary>What applying a <see cref="CrmChangeBatch"/> changed.</summary>
/// <param name="Added">Records that were not in the store.</param>
/// <param name="Updated">Records that replaced a stored one.</param>
/// <param name="Deleted">Records removed (a delete of a record not in the store counts nothing).</param>
public readonly record struct CrmChangeSummary(int Added, int Updated, int Deleted);
