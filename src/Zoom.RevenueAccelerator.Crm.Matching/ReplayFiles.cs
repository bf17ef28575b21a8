using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Zoom.RevenueAccelerator.Crm.Matching.Internal;
using Zoom.RevenueAccelerator.Crm.Matching.Replay;

namespace Zoom.RevenueAccelerator.Crm.Matching;

/// <summary>
/// Reads and writes the snapshot, conversation, options, manual-match and decision files of
/// shared/spec/replay-format.md. Reading streams (line by line for JSON Lines); a bad file raises a
/// <see cref="ReplayFormatException"/> naming the file, the line or JSON path and what was expected;
/// writing goes to a temporary file that replaces the target only when complete.
/// </summary>
public static class ReplayFiles
{
    /// <summary>The snapshot format this version reads and writes.</summary>
    public const string SnapshotFormat = "crm-snapshot/1";

    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads a snapshot file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="ReplayFormatException">The file is malformed.</exception>
    public static async Task<CrmSnapshot> ReadSnapshotAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var stream = OpenRead(path);
        await using var closeStream = stream.ConfigureAwait(false);
        SnapshotDto? dto;
        try
        {
            dto = await JsonSerializer.DeserializeAsync(stream, ReplayJsonContext.Default.SnapshotDto, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw Malformed(path, ex);
        }

        if (dto is null)
        {
            throw new ReplayFormatException(path, 1, "$", "expected a snapshot object, found null");
        }

        if (dto.Format != SnapshotFormat)
        {
            throw new ReplayFormatException(path, null, "$.format", $"expected \"{SnapshotFormat}\", found \"{dto.Format}\"");
        }

        var problem = ReplayMapping.CheckIds(dto.Accounts, a => a.Id, "accounts")
            ?? ReplayMapping.CheckIds(dto.Contacts, c => c.Id, "contacts")
            ?? ReplayMapping.CheckIds(dto.Leads, l => l.Id, "leads")
            ?? ReplayMapping.CheckIds(dto.Opportunities, o => o.Id, "opportunities")
            ?? ReplayMapping.CheckIds(dto.Users, u => u.Id, "users")
            ?? ReplayMapping.CheckIds(dto.Teams, t => t.Id, "teams");
        if (problem is { } p)
        {
            throw new ReplayFormatException(path, null, p.Path, p.Problem);
        }

        return ReplayMapping.FromDto(dto);
    }

    /// <summary>Writes a snapshot file (atomically).</summary>
    /// <param name="path">The file.</param>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="cancellationToken">Cancels the write; the target is then untouched.</param>
    /// <returns>A task that completes when the file is in place.</returns>
    public static Task WriteSnapshotAsync(string path, CrmSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return WriteAtomicallyAsync(path, stream => JsonSerializer.SerializeAsync(stream, ReplayMapping.ToDto(snapshot), ReplayJsonContext.Default.SnapshotDto, cancellationToken), cancellationToken);
    }

    /// <summary>Streams a conversations file (JSON Lines), one conversation a line.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The conversations, in file order.</returns>
    /// <exception cref="ReplayFormatException">A line is malformed.</exception>
    public static async IAsyncEnumerable<Conversation> ReadConversationsAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var (dto, line) in ReadLinesAsync(path, ReplayJsonContext.Default.ConversationDto, cancellationToken).ConfigureAwait(false))
        {
            yield return ToConversation(dto, path, line);
        }
    }

    /// <summary>Reads an options file; a missing property takes the rules' default.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The options.</returns>
    /// <exception cref="ReplayFormatException">The file is malformed or a value is out of range.</exception>
    public static async Task<MatchingOptions> ReadOptionsAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var stream = OpenRead(path);
        await using var closeStream = stream.ConfigureAwait(false);
        OptionsDto? dto;
        try
        {
            dto = await JsonSerializer.DeserializeAsync(stream, ReplayJsonContext.Default.OptionsDto, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw Malformed(path, ex);
        }

        dto ??= new OptionsDto();
        var defaults = new MatchingOptions();
        var options = new MatchingOptions
        {
            AssociatedDomains = dto.AssociatedDomains ?? defaults.AssociatedDomains,
            FreeMailDomains = MatchingOptions.Edit(MatchingOptions.DefaultFreeMailDomains, dto.FreeMailDomains?.Add, dto.FreeMailDomains?.Remove),
            Excluded = dto.Excluded ?? defaults.Excluded,
            RoleMailboxes = MatchingOptions.Edit(MatchingOptions.DefaultRoleMailboxes, dto.RoleMailboxes?.Add, dto.RoleMailboxes?.Remove),
            ClosedWindowDays = dto.ClosedWindowDays ?? defaults.ClosedWindowDays,
            StaleAfterDays = dto.StaleAfterDays ?? defaults.StaleAfterDays,
            LeadHandling = dto.LeadHandling switch
            {
                null or "suggestOnly" => LeadHandling.SuggestOnly,
                "autoMatchExact" => LeadHandling.AutoMatchExact,
                var other => throw new ReplayFormatException(path, null, "$.leadHandling", $"expected \"suggestOnly\" or \"autoMatchExact\", found \"{other}\""),
            },
            Ambiguity = dto.Ambiguity switch
            {
                null or "pickBest" => AmbiguityPolicy.PickBest,
                "requireUnique" => AmbiguityPolicy.RequireUnique,
                var other => throw new ReplayFormatException(path, null, "$.ambiguity", $"expected \"pickBest\" or \"requireUnique\", found \"{other}\""),
            },
            PartnerAccountTypes = dto.PartnerAccountTypes ?? defaults.PartnerAccountTypes,
            MaxAlternates = dto.MaxAlternates ?? defaults.MaxAlternates,
            MaxSuggestedLeads = dto.MaxSuggestedLeads ?? defaults.MaxSuggestedLeads,
            RematchWindowDays = dto.RematchWindowDays ?? defaults.RematchWindowDays,
        };

        try
        {
            _ = new CompiledOptions(options, RegistrableDomains.Default);
        }
        catch (ArgumentException ex)
        {
            // "MatchingOptions.StaleAfterDays must be ..." names the setting: point at its property in the file.
            var setting = ex.Message.Split(' ')[0];
            var property = setting.StartsWith("MatchingOptions.", StringComparison.Ordinal) ? setting["MatchingOptions.".Length..] : null;
            var jsonPath = property is { Length: > 0 } ? "$." + char.ToLowerInvariant(property[0]) + property[1..] : null;
            throw new ReplayFormatException(path, null, jsonPath, ex.Message.Split(" (Parameter", 2)[0], ex);
        }

        return options;
    }

    /// <summary>Reads a manual-matches file (JSON Lines).</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The manual matches, in file order.</returns>
    /// <exception cref="ReplayFormatException">A line is malformed.</exception>
    public static async Task<IReadOnlyList<ManualMatch>> ReadManualMatchesAsync(string path, CancellationToken cancellationToken = default)
    {
        var result = new List<ManualMatch>();
        await foreach (var (dto, line) in ReadLinesAsync(path, ReplayJsonContext.Default.ManualDto, cancellationToken).ConfigureAwait(false))
        {
            var kind = ReplayMapping.Kind(dto.Target.Kind);
            if (kind is not (CrmRecordKind.Opportunity or CrmRecordKind.Account or CrmRecordKind.Lead))
            {
                throw new ReplayFormatException(path, line, "$.target.kind", $"expected \"opportunity\", \"account\" or \"lead\", found \"{dto.Target.Kind}\"");
            }

            result.Add(new ManualMatch { ConversationId = dto.ConversationId, Target = new(kind.Value, dto.Target.Id), By = dto.By, At = dto.At.ToUniversalTime() });
        }

        return result;
    }

    /// <summary>Streams a decisions file (JSON Lines).</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The decisions, in file order.</returns>
    /// <exception cref="ReplayFormatException">A line is malformed.</exception>
    public static async IAsyncEnumerable<MatchDecision> ReadDecisionsAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var (dto, line) in ReadLinesAsync(path, ReplayJsonContext.Default.DecisionDto, cancellationToken).ConfigureAwait(false))
        {
            var outcome = ReplayMapping.Outcome(dto.Outcome)
                ?? throw new ReplayFormatException(path, line, "$.outcome", $"expected opportunity, account, lead, suggested, noExternalParticipants or unmatched, found \"{dto.Outcome}\"");
            var certainty = ReplayMapping.Certainty(dto.Certainty);
            if (dto.Certainty is not null && certainty is null)
            {
                throw new ReplayFormatException(path, line, "$.certainty", $"expected exact, domainInferred, ambiguous, manual or null, found \"{dto.Certainty}\"");
            }

            var alternates = new List<CrmRecordReference>(dto.Alternates.Count);
            for (var i = 0; i < dto.Alternates.Count; i++)
            {
                var kind = ReplayMapping.Kind(dto.Alternates[i].Kind) ?? throw new ReplayFormatException(path, line, $"$.alternates[{i}].kind", $"expected a record kind, found \"{dto.Alternates[i].Kind}\"");
                alternates.Add(new(kind, dto.Alternates[i].Id));
            }

            yield return new MatchDecision
            {
                ConversationId = dto.ConversationId,
                Outcome = outcome,
                Certainty = certainty,
                OpportunityId = dto.OpportunityId,
                AccountId = dto.AccountId,
                LeadId = dto.LeadId,
                ContactIds = dto.ContactIds,
                SuggestedLeadIds = dto.SuggestedLeadIds,
                Alternates = alternates,
                DecidedBy = dto.DecidedBy,
                Manual = dto.Manual is { } m ? new ManualMatchInfo(m.By, ReplayMapping.Utc(m.At)) : null,
                SnapshotVersion = dto.SnapshotVersion,
            };
        }
    }

    /// <summary>Writes decisions as JSON Lines to a file, atomically: the file appears whole, or not at all.</summary>
    /// <param name="path">The file.</param>
    /// <param name="decisions">The decisions, in conversation order; a decision's trace is written when it has one.</param>
    /// <param name="cancellationToken">Cancels the write; the target is then untouched.</param>
    /// <returns>A task that completes when the file is in place.</returns>
    public static Task WriteDecisionsAsync(string path, IAsyncEnumerable<MatchDecision> decisions, CancellationToken cancellationToken = default) =>
        WriteAtomicallyAsync(path, stream => SerializeDecisionsAsync(stream, decisions, cancellationToken), cancellationToken);

    /// <summary>Writes decisions as JSON Lines to a stream (standard output, for example). The same decisions always give the same bytes.</summary>
    /// <param name="stream">The stream; left open.</param>
    /// <param name="decisions">The decisions.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when everything is written and flushed.</returns>
    public static async Task SerializeDecisionsAsync(Stream stream, IAsyncEnumerable<MatchDecision> decisions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(decisions);
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = false });
        await foreach (var decision in decisions.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            JsonSerializer.Serialize(writer, ReplayMapping.ToDto(decision), ReplayJsonContext.Default.DecisionDto);
            writer.Flush();
            writer.Reset();
            buffer.Write("\n"u8);
            if (buffer.WrittenCount > 64 * 1024)
            {
                await stream.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
                buffer.ResetWrittenCount();
            }
        }

        await stream.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static Conversation ToConversation(ConversationDto dto, string path, long line)
    {
        var kind = dto.Kind switch
        {
            "meeting" => ConversationKind.Meeting,
            "phoneCall" => ConversationKind.PhoneCall,
            _ => throw new ReplayFormatException(path, line, "$.kind", $"expected \"meeting\" or \"phoneCall\", found \"{dto.Kind}\""),
        };
        var participants = new ConversationParticipant[dto.Participants.Count];
        for (var i = 0; i < participants.Length; i++)
        {
            var p = dto.Participants[i];
            var source = p.Source switch
            {
                null or "attendee" => ParticipantSource.Attendee,
                "calendar" => ParticipantSource.Calendar,
                "host" => ParticipantSource.Host,
                _ => throw new ReplayFormatException(path, line, $"$.participants[{i}].source", $"expected \"calendar\", \"attendee\" or \"host\", found \"{p.Source}\""),
            };
            participants[i] = new ConversationParticipant { Email = p.Email, Phone = p.Phone, Name = p.Name, Source = source };
        }

        return new Conversation
        {
            Id = dto.Id,
            Kind = kind,
            Start = dto.Start.ToUniversalTime(),
            End = (dto.End ?? dto.Start).ToUniversalTime(),
            Title = dto.Title,
            Host = dto.Host,
            Participants = participants,
        };
    }

    private static async IAsyncEnumerable<(T Value, long Line)> ReadLinesAsync<T>(string path, JsonTypeInfo<T> type, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var stream = OpenRead(path);
        await using var closeStream = stream.ConfigureAwait(false);
        using var reader = new StreamReader(stream, s_utf8, detectEncodingFromByteOrderMarks: true);
        long line = 0;
        while (true)
        {
            string? text;
            try
            {
                text = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DecoderFallbackException ex)
            {
                throw new ReplayFormatException(path, line + 1, null, "expected UTF-8 text", ex);
            }

            if (text is null)
            {
                yield break;
            }

            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            T? value;
            try
            {
                value = JsonSerializer.Deserialize(text, type);
            }
            catch (JsonException ex)
            {
                throw new ReplayFormatException(path, line, ex.Path, Problem(ex), ex);
            }

            yield return value is null
                ? throw new ReplayFormatException(path, line, "$", "expected an object, found null")
                : (value, line);
        }
    }

    private static FileStream OpenRead(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileNotFoundException($"{path}: no such file.", path, ex);
        }
    }

    private static async Task WriteAtomicallyAsync(string path, Func<Stream, Task> write, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await write(stream).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private static ReplayFormatException Malformed(string path, JsonException ex) =>
        new(path, ex.LineNumber is { } l ? l + 1 : null, ex.Path, Problem(ex), ex);

    private static string Problem(JsonException ex)
    {
        // The serializer's message repeats the path and position; keep what was wrong.
        var message = ex.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
