using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Zoom.RevenueAccelerator.Crm.Sync;

namespace Zoom.RevenueAccelerator.Crm.Internal;

/// <summary>The connection lifecycle: connect, status, settings, sync now, disconnect.</summary>
internal sealed class CrmConnectionManager : ICrmConnectionManager
{
    private readonly ICrmConnectorProvider _connectors;
    private readonly ICrmConnectionStore _connections;
    private readonly ICrmCredentialStore _credentials;
    private readonly ICrmDataStore _data;
    private readonly ICrmSyncScheduler _scheduler;
    private readonly ICrmSyncEngine _engine;
    private readonly ICrmConversationStore _conversations;
    private readonly IOptionsMonitor<CrmIntegrationOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public CrmConnectionManager(
        ICrmConnectorProvider connectors,
        ICrmConnectionStore connections,
        ICrmCredentialStore credentials,
        ICrmDataStore data,
        ICrmSyncScheduler scheduler,
        ICrmSyncEngine engine,
        ICrmConversationStore conversations,
        IOptionsMonitor<CrmIntegrationOptions> options,
        TimeProvider time,
        ILoggerFactory? loggerFactory = null)
    {
        _connectors = connectors;
        _connections = connections;
        _credentials = credentials;
        _data = data;
        _scheduler = scheduler;
        _engine = engine;
        _conversations = conversations;
        _options = options;
        _time = time;
        _logger = (ILogger?)loggerFactory?.CreateLogger<CrmConnectionManager>() ?? NullLogger.Instance;
    }

    public async Task<CrmConnectionStatus> ConnectAsync(CrmConnectRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.TenantId))
        {
            throw new ArgumentException("CrmConnectRequest.TenantId is required.", nameof(request));
        }

        if (string.IsNullOrWhiteSpace(request.ConnectorName))
        {
            throw new ArgumentException("CrmConnectRequest.ConnectorName is required.", nameof(request));
        }

        if (request.Credentials is null)
        {
            throw new ArgumentException("CrmConnectRequest.Credentials must not be null (use CrmCredentials.Empty).", nameof(request));
        }

        var settings = request.Settings ?? _options.CurrentValue.DefaultSettings;
        CrmConnectionSettingsValidator.ThrowIfInvalid(settings, "CrmConnectRequest.Settings", nameof(request));
        var connector = _connectors.GetConnector(request.ConnectorName);

        var existing = await _connections.GetAsync(request.TenantId, cancellationToken).ConfigureAwait(false);
        if (existing is { IsConnected: true })
        {
            throw AlreadyConnected(existing);
        }

        var system = connector.Metadata.System;
        using var activity = CrmTelemetry.Source.StartActivity("crm.connect");
        activity?.SetTag(CrmTelemetry.SystemTag, system.Value);
        var connectionId = Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
        var context = new CrmConnectionContext(request.TenantId, connectionId, request.Credentials);

        CrmAuthorization authorization;
        try
        {
            authorization = await connector.ConnectAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (CrmException ex)
        {
            Log.ConnectFailed(_logger, request.TenantId, request.ConnectorName, ex.Kind, ex);
            CrmTelemetry.Connects.Add(1, new KeyValuePair<string, object?>(CrmTelemetry.SystemTag, system.Value), new KeyValuePair<string, object?>(CrmTelemetry.ErrorTypeTag, ex.Kind.ToString()));
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.Kind.ToString());
            throw;
        }

        await _credentials.SaveAsync(request.TenantId, connectionId, authorization.UpdatedCredentials ?? request.Credentials, cancellationToken).ConfigureAwait(false);
        var status = new CrmConnectionStatus
        {
            TenantId = request.TenantId,
            ConnectionId = connectionId,
            ConnectorName = request.ConnectorName,
            System = system,
            Phase = CrmConnectionPhase.Connected,
            ConnectedAt = _time.GetUtcNow(),
            InstanceUrl = authorization.InstanceUrl,
            TokenExpiresAt = authorization.TokenExpiresAt,
            TokenExpiryIsEstimate = authorization.TokenExpiryIsEstimate,
            Settings = settings,
        };

        if (!await _connections.TryAddAsync(status, cancellationToken).ConfigureAwait(false))
        {
            // Another connect of the same tenant won the race: undo ours.
            await _credentials.DeleteAsync(request.TenantId, connectionId, CancellationToken.None).ConfigureAwait(false);
            await TryRevokeAsync(connector, context, CancellationToken.None).ConfigureAwait(false);
            var winner = await _connections.GetAsync(request.TenantId, CancellationToken.None).ConfigureAwait(false);
            throw AlreadyConnected(winner ?? status);
        }

        CrmTelemetry.Connects.Add(1, new KeyValuePair<string, object?>(CrmTelemetry.SystemTag, system.Value));
        Log.Connected(_logger, request.TenantId, system.Value, request.ConnectorName, connectionId, authorization.TokenExpiresAt, authorization.TokenExpiryIsEstimate);

        // The first full sync starts at once; incremental ones follow every interval.
        await _scheduler.ScheduleAsync(new CrmSyncSchedule { TenantId = request.TenantId, ConnectionId = connectionId, Interval = settings.SyncInterval }, cancellationToken).ConfigureAwait(false);
        return await GetRequiredStatusAsync(request.TenantId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<CrmConnectionStatus?> GetStatusAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        var status = await _connections.GetAsync(tenantId, cancellationToken).ConfigureAwait(false);
        if (status is null)
        {
            return null;
        }

        if (!status.IsConnected)
        {
            return status with { NextSyncAt = null };
        }

        var next = _scheduler.GetNextRun(tenantId) ?? status.NextSyncAt;
        if (next is { } planned && status.LastSync is { } last && planned <= last.StartedAt)
        {
            // The planned run has just happened and the scheduler is re-arming: the next is an interval after it.
            next = last.StartedAt + status.Settings.SyncInterval;
        }

        return status with { NextSyncAt = next, SyncInProgress = _engine.GetProgress(status.ConnectionId) };
    }

    public async Task<CrmConnectionStatus> UpdateSettingsAsync(string tenantId, CrmConnectionSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        CrmConnectionSettingsValidator.ThrowIfInvalid(settings, "settings", nameof(settings));
        var current = await GetConnectedAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var updated = await _connections.TryUpdateAsync(tenantId, current.ConnectionId, s => s with { Settings = settings }, cancellationToken).ConfigureAwait(false)
            ?? throw NotConnected(tenantId);
        if (settings.SyncInterval != current.Settings.SyncInterval)
        {
            await _scheduler.ScheduleAsync(
                new CrmSyncSchedule { TenantId = tenantId, ConnectionId = current.ConnectionId, Interval = settings.SyncInterval, FirstRunAt = _time.GetUtcNow() + settings.SyncInterval },
                cancellationToken).ConfigureAwait(false);
        }

        Log.SettingsUpdated(_logger, tenantId, current.ConnectionId, settings.SyncInterval);
        return await GetRequiredStatusAsync(tenantId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<CrmSyncRunSummary> SyncNowAsync(string tenantId, IProgress<CrmSyncProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        _ = await GetConnectedAsync(tenantId, cancellationToken).ConfigureAwait(false);
        return await _engine.RunAsync(tenantId, progress, cancellationToken).ConfigureAwait(false);
    }

    public async Task<CrmDisconnectResult> DisconnectAsync(string tenantId, bool removeAllCrmData, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        var current = await GetConnectedAsync(tenantId, cancellationToken).ConfigureAwait(false);
        using var activity = CrmTelemetry.Source.StartActivity("crm.disconnect");
        activity?.SetTag(CrmTelemetry.SystemTag, current.System.Value);

        // First make it irreversible, so nothing starts using the connection again.
        _ = await _connections.TryUpdateAsync(
                tenantId,
                current.ConnectionId,
                s => s with { Phase = CrmConnectionPhase.Disconnected, DisconnectedAt = _time.GetUtcNow(), NextSyncAt = null },
                cancellationToken).ConfigureAwait(false)
            ?? throw NotConnected(tenantId);

        // From here on the disconnect completes whatever the caller's token says.
        await _scheduler.CancelAsync(tenantId, CancellationToken.None).ConfigureAwait(false);
        await _engine.StopAsync(current.ConnectionId, CancellationToken.None).ConfigureAwait(false);

        var revoked = false;
        string? revokeError = null;
        var credentials = await _credentials.GetAsync(tenantId, current.ConnectionId, CancellationToken.None).ConfigureAwait(false);
        if (credentials is not null)
        {
            var connector = _connectors.GetConnector(current.ConnectorName);
            (revoked, revokeError) = await TryRevokeAsync(connector, new CrmConnectionContext(tenantId, current.ConnectionId, credentials), CancellationToken.None).ConfigureAwait(false);
            await _credentials.DeleteAsync(tenantId, current.ConnectionId, CancellationToken.None).ConfigureAwait(false);
        }

        var removed = removeAllCrmData
            ? await _data.ForTenant(tenantId).PurgeAsync(CancellationToken.None).ConfigureAwait(false)
            : new CrmRecordCounts();
        var conversationsRemoved = removeAllCrmData
            ? await _conversations.PurgeAsync(tenantId, CancellationToken.None).ConfigureAwait(false)
            : 0;

        CrmTelemetry.Disconnects.Add(1, new KeyValuePair<string, object?>(CrmTelemetry.SystemTag, current.System.Value));
        Log.Disconnected(_logger, tenantId, current.ConnectionId, revoked, removed.Total);
        return new CrmDisconnectResult
        {
            ConnectionId = current.ConnectionId,
            TokensRevoked = revoked,
            RevokeError = revokeError,
            DataRemoved = removeAllCrmData,
            Removed = removed,
            ConversationsRemoved = conversationsRemoved,
        };
    }

    private async Task<(bool Revoked, string? Error)> TryRevokeAsync(ICrmConnector connector, CrmConnectionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await connector.RevokeAsync(context, cancellationToken).ConfigureAwait(false);
            return (connector.Can(CrmCapabilities.Revoke), null);
        }
        catch (CrmException ex)
        {
            Log.RevokeFailed(_logger, context.TenantId, context.ConnectionId, ex.Kind, ex);
            return (false, $"{ex.Kind}: {ex.Message}");
        }
    }

    private async Task<CrmConnectionStatus> GetConnectedAsync(string tenantId, CancellationToken cancellationToken)
    {
        var status = await _connections.GetAsync(tenantId, cancellationToken).ConfigureAwait(false);
        return status is { IsConnected: true } ? status : throw NotConnected(tenantId);
    }

    private async Task<CrmConnectionStatus> GetRequiredStatusAsync(string tenantId, CancellationToken cancellationToken) =>
        await GetStatusAsync(tenantId, cancellationToken).ConfigureAwait(false) ?? throw NotConnected(tenantId);

    private static InvalidOperationException NotConnected(string tenantId) =>
        new($"Tenant '{tenantId}' has no connected CRM connection. A disconnected connection cannot be used again; connect anew.");

    private static InvalidOperationException AlreadyConnected(CrmConnectionStatus existing) =>
        new($"Tenant '{existing.TenantId}' is already connected to {existing.System} (connector '{existing.ConnectorName}', connection {existing.ConnectionId}). Disconnect it before connecting another CRM.");
}
