using System;
using Microsoft.Extensions.Options;

namespace Zoom.RevenueAccelerator.Crm.Sync.Internal;

/// <summary>Validates <see cref="CrmSyncOptions"/> at start, naming the setting that is wrong.</summary>
internal sealed class CrmSyncOptionsValidator : IValidateOptions<CrmSyncOptions>
{
    public ValidateOptionsResult Validate(string? name, CrmSyncOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        if (options.MaxConcurrentSyncs is < 1 or > 64)
        {
            builder.AddError($"must be between 1 and 64 (was {options.MaxConcurrentSyncs}).", "CrmSyncOptions.MaxConcurrentSyncs");
        }

        if (options.Jitter < TimeSpan.Zero || options.Jitter > TimeSpan.FromHours(1))
        {
            builder.AddError($"must be between 00:00:00 and 01:00:00 (was {options.Jitter}).", "CrmSyncOptions.Jitter");
        }

        if (options.ReconciliationInterval < TimeSpan.FromHours(1))
        {
            builder.AddError($"must be at least 01:00:00 (was {options.ReconciliationInterval}).", "CrmSyncOptions.ReconciliationInterval");
        }

        if (options.FullReconciliationInterval < TimeSpan.FromHours(1) && options.FullReconciliationInterval != System.Threading.Timeout.InfiniteTimeSpan)
        {
            builder.AddError($"must be at least 01:00:00, or Timeout.InfiniteTimeSpan for never (was {options.FullReconciliationInterval}).", "CrmSyncOptions.FullReconciliationInterval");
        }

        return builder.Build();
    }
}
