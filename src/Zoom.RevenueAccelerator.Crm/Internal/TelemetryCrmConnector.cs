using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Zoom.RevenueAccelerator.Crm.Internal;

/// <summary>
/// Traces and measures every call a connector makes to its CRM: a span per call (a read, a span
/// per page) and the duration histogram <c>crm.connector.operation.duration</c>, tagged with the
/// CRM, the connector's name, the operation and, on failure, the <see cref="CrmErrorKind"/>.
/// Added to every connector by <c>UseConnectorTelemetry()</c>. No tenant data in tags.
/// </summary>
internal sealed class TelemetryCrmConnector(ICrmConnector inner, string name, TimeProvider time) : DelegatingCrmConnector(inner)
{
    public override Task<CrmAuthorization> ConnectAsync(CrmConnectionContext connection, CancellationToken cancellationToken = default) =>
        MeasureAsync("connect", null, () => base.ConnectAsync(connection, cancellationToken));

    public override Task<CrmAuthorization> RefreshAsync(CrmConnectionContext connection, CancellationToken cancellationToken = default) =>
        MeasureAsync("refresh", null, () => base.RefreshAsync(connection, cancellationToken));

    public override Task RevokeAsync(CrmConnectionContext connection, CancellationToken cancellationToken = default) =>
        MeasureAsync("revoke", null, async () =>
        {
            await base.RevokeAsync(connection, cancellationToken).ConfigureAwait(false);
            return true;
        });

    public override Task<CrmLookupResult> LookupAsync(CrmConnectionContext connection, CrmLookupRequest request, CancellationToken cancellationToken = default) =>
        MeasureAsync("lookup", null, () => base.LookupAsync(connection, request, cancellationToken));

    public override Task<CrmActivityResult> UpsertActivityAsync(CrmConnectionContext connection, CrmActivity activity, CancellationToken cancellationToken = default) =>
        MeasureAsync("activity.upsert", null, () => base.UpsertActivityAsync(connection, activity, cancellationToken));

    public override async IAsyncEnumerable<CrmRecordPage> ReadAsync(CrmConnectionContext connection, CrmReadRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pages = base.ReadAsync(connection, request, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (pages.ConfigureAwait(false))
        {
            while (true)
            {
                // Each page is one call to the CRM: measure the wait for it, not the caller's work on it.
                var page = await MeasureAsync("read.page", request, async () => await pages.MoveNextAsync().ConfigureAwait(false) ? pages.Current : null).ConfigureAwait(false);
                if (page is null)
                {
                    yield break;
                }

                yield return page;
            }
        }
    }

    private async Task<T> MeasureAsync<T>(string operation, CrmReadRequest? read, Func<Task<T>> call)
    {
        var tags = new TagList
        {
            { CrmTelemetry.SystemTag, Metadata.System.Value },
            { CrmTelemetry.ConnectorTag, name },
            { CrmTelemetry.OperationTag, operation },
        };
        if (read is not null)
        {
            tags.Add(CrmTelemetry.RecordKindTag, read.Kind.ToString());
            tags.Add(CrmTelemetry.ReadModeTag, read.Mode.ToString());
        }

        using var activity = CrmTelemetry.Source.StartActivity("crm.connector." + operation, ActivityKind.Client, default(ActivityContext), tags);
        var started = time.GetTimestamp();
        try
        {
            var result = await call().ConfigureAwait(false);
            if (read is not null && result is CrmRecordPage page)
            {
                activity?.SetTag(CrmTelemetry.RecordsTag, page.Records.Count + page.DeletedIds.Count);
            }

            return result;
        }
        catch (Exception ex)
        {
            // The kind, never the message: a CRM's message may quote tenant data.
            var errorType = ex is CrmException crm ? crm.Kind.ToString() : ex is OperationCanceledException ? "cancelled" : ex.GetType().Name;
            tags.Add(CrmTelemetry.ErrorTypeTag, errorType);
            activity?.SetTag(CrmTelemetry.ErrorTypeTag, errorType);
            activity?.SetStatus(ActivityStatusCode.Error, errorType);
            throw;
        }
        finally
        {
            CrmTelemetry.ConnectorOperationDuration.Record(time.GetElapsedTime(started).TotalSeconds, tags);
        }
    }
}
