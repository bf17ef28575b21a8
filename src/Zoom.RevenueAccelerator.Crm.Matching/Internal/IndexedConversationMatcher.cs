using System;
using System.Collections.Generic;
using System.Linq;

namespace Zoom.RevenueAccelerator.Crm.Matching.Internal;

/// <summary>The matcher: the rules over a left-right pair of index copies.</summary>
internal sealed class IndexedConversationMatcher : IConversationMatcher
{
    private readonly LeftRight<IndexData> _index;
    private readonly Matcher _matcher;
    private readonly MatchingOptions _options;

    public IndexedConversationMatcher(CrmSnapshot snapshot, MatchingOptions options, IRegistrableDomainResolver domains)
    {
        _options = options;
        var compiled = new CompiledOptions(options, domains);
        _matcher = new Matcher(compiled);
        var first = new IndexData(compiled, CrmSnapshotCounts.Of(snapshot));
        first.Load(snapshot);
        _index = new LeftRight<IndexData>(first, static data => data.Clone());
    }

    public string SnapshotVersion
    {
        get
        {
            using var read = _index.Enter();
            return read.Value.Version;
        }
    }

    public int RecordCount
    {
        get
        {
            using var read = _index.Enter();
            return read.Value.Count;
        }
    }

    public MatchDecision Match(Conversation conversation, IReadOnlyList<ManualMatch>? manualMatches = null, bool includeTrace = false)
    {
        using var read = _index.Enter();
        return _matcher.Match(read.Value, conversation, manualMatches, includeTrace);
    }

    public void Apply(CrmChangeBatch changes, string newVersion)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentException.ThrowIfNullOrEmpty(newVersion);
        _index.Write(data =>
        {
            foreach (var record in changes.Upserts)
            {
                data.Upsert(record);
            }

            foreach (var reference in changes.Deletes)
            {
                data.Delete(reference);
            }

            data.Version = newVersion;
        });
    }

    public RematchResult Rematch(Conversation conversation, MatchDecision previous, DateTimeOffset now, IReadOnlyList<ManualMatch>? manualMatches = null)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(previous);
        using var read = _index.Enter();
        var index = read.Value;
        var hasManual = manualMatches?.Any(m => m.ConversationId == conversation.Id) == true;

        if (previous.Certainty == MatchCertainty.Manual && !hasManual)
        {
            return new RematchResult(previous, false, "kept: a manual match is sticky");
        }

        if (!hasManual && previous.Outcome is MatchOutcome.Opportunity or MatchOutcome.Account or MatchOutcome.Lead)
        {
            var gone = Missing(index, previous);
            if (gone is null)
            {
                return new RematchResult(previous, false, "kept: an automatic match is re-decided only when its record is deleted or merged");
            }

            var redecided = _matcher.Match(index, conversation, manualMatches, includeTrace: false);
            return new RematchResult(redecided, true, $"re-decided: {gone} was deleted or merged in the CRM");
        }

        if (!hasManual && now - conversation.Start > TimeSpan.FromDays(_options.RematchWindowDays))
        {
            return new RematchResult(previous, false, $"kept: more than {_options.RematchWindowDays} days since the conversation");
        }

        var decision = _matcher.Match(index, conversation, manualMatches, includeTrace: false);
        var changed = decision.Outcome != previous.Outcome || decision.Chosen != previous.Chosen
            || !decision.SuggestedLeadIds.SequenceEqual(previous.SuggestedLeadIds, StringComparer.Ordinal);
        return new RematchResult(changed ? decision : previous, changed, changed ? "re-decided after a sync" : "unchanged after a sync");
    }

    private static string? Missing(IndexData index, MatchDecision previous) =>
        previous.OpportunityId is { } o && !index.Opportunities.ContainsKey(o) ? $"opportunity {o}"
        : previous.OpportunityId is null && previous.AccountId is { } a && index.Account(a) is null ? $"account {a}"
        : previous.LeadId is { } l && !index.Leads.ContainsKey(l) ? $"lead {l}"
        : null;
}
