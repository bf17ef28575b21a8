using Zoom.RevenueAccelerator.Crm.Testing.Salesforce;

namespace Zoom.RevenueAccelerator.Crm.Testing.Tests;

public sealed class SoqlParserTests
{
    private static readonly SalesforceSchema s_schema = new([]);

    private static SfRecord Contact(string email, DateTimeOffset stamp) => new(s_schema.Find("Contact")!, new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
    {
        ["Id"] = "003000000000001AAA", ["Email"] = email, ["SystemModstamp"] = stamp, ["IsDeleted"] = false,
    });

    private static bool Matches(string soql, SfRecord record)
    {
        var query = SoqlParser.Parse(soql);
        SoqlEvaluator.Validate(s_schema, query, s_schema.Find(query.From)!);
        return SoqlEvaluator.Matches(query.Where, record);
    }

    [Theory]
    [InlineData(@"SELECT Id FROM Contact WHERE Email = 'O\'Brien@x.com'", "o'brien@X.com", true)]
    [InlineData(@"SELECT Id FROM Contact WHERE Email = 'back\\slash'", @"back\slash", true)]
    [InlineData(@"SELECT Id FROM Contact WHERE Email = 'a\nb'", "a\nb", true)]
    [InlineData(@"SELECT Id FROM Contact WHERE Email IN ('x@y.com', 'JANE@ACME.COM')", "jane@acme.com", true)]
    [InlineData(@"SELECT Id FROM Contact WHERE Email LIKE '%@acme.com'", "jane@acme.com", true)]
    [InlineData(@"SELECT Id FROM Contact WHERE Email LIKE '100\%'", "1000", false)]
    [InlineData(@"SELECT Id FROM Contact WHERE NOT (Email = 'a' OR Email = 'b') AND Email != null", "c", true)]
    [InlineData(@"SELECT Id FROM Contact WHERE SystemModstamp >= 2026-01-01T00:00:00Z ORDER BY SystemModstamp, Id LIMIT 5", "x", true)]
    [InlineData(@"SELECT Id FROM Contact WHERE SystemModstamp > 2026-01-01T00:00:00+01:00", "x", true)]
    public void Queries_match_as_Salesforce_compares(string soql, string email, bool expected) =>
        Assert.Equal(expected, Matches(soql, Contact(email, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))));

    [Theory]
    [InlineData("SELECT Id FROM Contact WHERE Email = 'O'Brien'")]
    [InlineData(@"SELECT Id FROM Contact WHERE Email = 'stray\q'")]
    [InlineData("SELECT Id FROM Contact WHERE Email = 'unterminated")]
    [InlineData("SELECT Id FROM Contact WHERE Email = \"double\"")]
    [InlineData("SELECT Id FROM Contact WHERE Email = 'a' OR")]
    [InlineData("SELECT FROM Contact")]
    public void Malformed_SOQL_is_refused(string soql) =>
        Assert.Throws<SoqlException>(() => Matches(soql, Contact("x", DateTimeOffset.UnixEpoch)));

    [Theory]
    [InlineData("SELECT Id FROM Contact WHERE SystemModstamp >= '2026-01-01T00:00:00Z'", "dateTime and should not be enclosed in quotes")]
    [InlineData("SELECT Id FROM Contact WHERE Emial = 'x'", "No such column 'Emial'")]
    [InlineData("SELECT Id, Secret__c FROM Contact", "No such column 'Secret__c'")]
    [InlineData("SELECT Id FROM Contact WHERE IsDeleted = 'true'", "boolean")]
    public void Type_errors_and_unknown_fields_are_refused_with_Salesforce_wording(string soql, string message)
    {
        var error = Assert.Throws<SoqlInvalidFieldException>(() => Matches(soql, Contact("x", DateTimeOffset.UnixEpoch)));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Child_subqueries_are_parsed_and_checked_against_the_relationship()
    {
        var query = SoqlParser.Parse("SELECT Id, (SELECT ContactId FROM OpportunityContactRoles) FROM Opportunity");
        SoqlEvaluator.Validate(s_schema, query, s_schema.Find("Opportunity")!);
        Assert.Equal("OpportunityContactRoles", Assert.Single(query.Children).From);

        var bad = SoqlParser.Parse("SELECT Id, (SELECT Id FROM Nonsense) FROM Opportunity");
        Assert.Throws<SoqlInvalidFieldException>(() => SoqlEvaluator.Validate(s_schema, bad, s_schema.Find("Opportunity")!));
    }
}
