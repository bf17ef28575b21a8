using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Zoom.RevenueAccelerator.Crm.Salesforce.Internal;

internal sealed partial class SalesforceConnector
{
    private const int IdentifiersPerQuery = 100;

    public async Task<CrmLookupResult> LookupAsync(CrmConnectionContext connection, CrmLookupRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(request);
        var emails = request.Emails.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var phones = request.Phones.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var found = new Dictionary<string, CrmRecord>(StringComparer.Ordinal);
        var calls = 0;

        async Task RunAsync(CrmRecordKind kind, string soql)
        {
            calls++;
            await foreach (var rows in QueryRowsAsync(connection, soql, all: false, r => SalesforceRecords.Map(kind, r).Record, cancellationToken).ConfigureAwait(false))
            {
                foreach (var record in rows)
                {
                    found[record.Id] = record;
                }
            }
        }

        // Every identifier is a quoted, escaped literal; lists are chunked to stay far below the URI limit.
        foreach (var kind in new[] { CrmRecordKind.Contact, CrmRecordKind.Lead })
        {
            var fields = SalesforceRecords.Fields(kind, teamMembers: false);
            var objectName = SalesforceRecords.ObjectName(kind);
            foreach (var chunk in emails.Chunk(IdentifiersPerQuery))
            {
                await RunAsync(kind, $"SELECT {fields} FROM {objectName} WHERE Email IN {Soql.List(chunk)}").ConfigureAwait(false);
            }

            foreach (var chunk in phones.Chunk(IdentifiersPerQuery / 2))
            {
                await RunAsync(kind, $"SELECT {fields} FROM {objectName} WHERE Phone IN {Soql.List(chunk)} OR MobilePhone IN {Soql.List(chunk)}").ConfigureAwait(false);
            }
        }

        var accountIds = found.Values.OfType<CrmContact>().Select(c => c.AccountId)
            .Concat(found.Values.OfType<CrmLead>().Select(l => l.Converted?.AccountId))
            .OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        foreach (var chunk in accountIds.Chunk(IdsPerQuery))
        {
            await RunAsync(CrmRecordKind.Account, $"SELECT {SalesforceRecords.Fields(CrmRecordKind.Account, false)} FROM Account WHERE Id IN {Soql.List(chunk)}").ConfigureAwait(false);
            await RunAsync(CrmRecordKind.Opportunity, $"SELECT {SalesforceRecords.Fields(CrmRecordKind.Opportunity, TeamMembers(connection))} FROM Opportunity WHERE AccountId IN {Soql.List(chunk)}").ConfigureAwait(false);
        }

        return new CrmLookupResult { Records = found.Values.ToList(), ApiCalls = calls };
    }

    public async Task<CrmActivityResult> UpsertActivityAsync(CrmConnectionContext connection, CrmActivity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(activity);
        var fields = TaskFields(activity);
        CrmActivityResult result;
        if (_options.TaskExternalIdField is { } externalId)
        {
            // Idempotent by the org's own unique key: a retry after a lost response updates.
            fields["TaskSubtype"] = "Call";
            result = await SaveAsync(connection, HttpMethod.Patch, $"sobjects/Task/{externalId}/{Uri.EscapeDataString(activity.ConversationId)}", fields, "task upsert", cancellationToken).ConfigureAwait(false)
                ?? await FindTaskAsync(connection, $"{externalId} = {Soql.Quote(activity.ConversationId)}", cancellationToken).ConfigureAwait(false)
                ?? throw new CrmException(CrmErrorKind.ProviderError, "Salesforce accepted the Task upsert but the Task cannot be found.") { System = CrmSystem.Salesforce, Operation = "task upsert" };
        }
        else
        {
            var existing = activity.ExistingActivityId;
            if (existing is null)
            {
                // A create whose response was lost must not create twice: CallObject carries the conversation id.
                existing = (await FindTaskAsync(connection, "CallObject = " + Soql.Quote(Truncate(activity.ConversationId, 255)), cancellationToken).ConfigureAwait(false))?.ActivityId;
            }

            if (existing is not null)
            {
                await SaveAsync(connection, HttpMethod.Patch, "sobjects/Task/" + Uri.EscapeDataString(existing), fields, "task update", cancellationToken).ConfigureAwait(false);
                result = new CrmActivityResult(existing, Created: false);
            }
            else
            {
                fields["TaskSubtype"] = "Call";
                result = await SaveAsync(connection, HttpMethod.Post, "sobjects/Task", fields, "task create", cancellationToken).ConfigureAwait(false)
                    ?? throw new CrmException(CrmErrorKind.ProviderError, "Salesforce created the Task without returning its id.") { System = CrmSystem.Salesforce, Operation = "task create" };
            }
        }

        Log.TaskWritten(_logger, result.ActivityId, activity.ConversationId, connection.TenantId, result.Created ? "created" : "updated");

        var competitorField = activity.PrimaryCompetitorField ?? _options.PrimaryCompetitorField;
        if (activity.CompetitorPublishing.HasFlag(CompetitorPublishing.PrimaryCompetitorField) && competitorField is not null
            && activity.Competitors.Count > 0 && activity.What is { Kind: CrmRecordKind.Opportunity } opportunity)
        {
            if (!SalesforceOptionsValidator.FieldPattern().IsMatch(competitorField))
            {
                throw new CrmException(CrmErrorKind.InvalidRequest, $"The primary-competitor field '{competitorField}' is not a Salesforce field API name.") { System = CrmSystem.Salesforce, Operation = "competitor update" };
            }

            var update = new JsonObject { [competitorField] = Truncate(activity.Competitors[0], 255) };
            await SaveAsync(connection, HttpMethod.Patch, "sobjects/Opportunity/" + Uri.EscapeDataString(opportunity.Id), update, "competitor update", cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private static JsonObject TaskFields(CrmActivity activity)
    {
        var description = new StringBuilder(activity.Summary ?? string.Empty);
        if (activity.CompetitorPublishing.HasFlag(CompetitorPublishing.ActivityRecord) && activity.Competitors.Count > 0)
        {
            description.Append(description.Length > 0 ? "\n\n" : string.Empty).Append("Competitors mentioned: ").AppendJoin(", ", activity.Competitors);
        }

        if (activity.Link is { } link)
        {
            description.Append(description.Length > 0 ? "\n\n" : string.Empty).Append("Recording: ").Append(link);
        }

        var fields = new JsonObject
        {
            ["Subject"] = Truncate(activity.Subject, 255),
            ["ActivityDate"] = activity.Start.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Status"] = "Completed",
            ["Priority"] = "Normal",
            ["Type"] = "Call",
            ["CallDurationInSeconds"] = (int)Math.Max(0, (activity.End - activity.Start).TotalSeconds),
            ["CallObject"] = Truncate(activity.ConversationId, 255),
            ["Description"] = Truncate(description.ToString(), 32_000),
            ["WhoId"] = activity.Who is { Kind: CrmRecordKind.Contact or CrmRecordKind.Lead } who ? who.Id : null,
        };

        // A Task about a lead cannot also be related to a record (FIELD_INTEGRITY_EXCEPTION).
        var whoIsLead = activity.Who is { Kind: CrmRecordKind.Lead };
        fields["WhatId"] = !whoIsLead && activity.What is { Kind: CrmRecordKind.Opportunity or CrmRecordKind.Account } what ? what.Id : null;
        if (activity.OwnerUserId is { } owner)
        {
            fields["OwnerId"] = owner;
        }

        return fields;
    }

    private async Task<CrmActivityResult?> FindTaskAsync(CrmConnectionContext connection, string condition, CancellationToken cancellationToken)
    {
        await foreach (var rows in QueryRowsAsync(connection, $"SELECT Id FROM Task WHERE {condition} ORDER BY CreatedDate, Id LIMIT 1", all: false, r => SalesforceRecords.String(r, "Id"), cancellationToken).ConfigureAwait(false))
        {
            if (rows.FirstOrDefault() is { } id)
            {
                return new CrmActivityResult(id, Created: false);
            }
        }

        return null;
    }

    /// <summary>POST or PATCH a record. Returns the id and whether it was created, or <see langword="null"/> for a 204 (no body).</summary>
    private async Task<CrmActivityResult?> SaveAsync(CrmConnectionContext connection, HttpMethod method, string relative, JsonObject body, string operation, CancellationToken cancellationToken)
    {
        var json = body.ToJsonString();
        using var response = await SendAsync(
            connection,
            session => new HttpRequestMessage(method, DataUri(session, relative)) { Content = new StringContent(json, Encoding.UTF8, "application/json") },
            operation,
            sessionBound: false,
            cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return null;
        }

        using var document = await ReadJsonAsync(response, operation, cancellationToken).ConfigureAwait(false);
        try
        {
            var root = document.RootElement;
            var id = root.GetProperty("id").GetString() ?? throw new JsonException("id is missing.");
            var created = root.TryGetProperty("created", out var c) ? c.ValueKind == JsonValueKind.True : response.StatusCode == HttpStatusCode.Created;
            return new CrmActivityResult(id, created);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw SalesforceHttp.Malformed(operation, ex);
        }
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
