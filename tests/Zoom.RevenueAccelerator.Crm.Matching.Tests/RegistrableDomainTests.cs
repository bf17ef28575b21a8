namespace Zoom.RevenueAccelerator.Crm.Matching.Tests;

public sealed class RegistrableDomainTests
{
    [Theory]
    [InlineData("acme.com", "acme.com")]
    [InlineData("mail.acme.com", "acme.com")]
    [InlineData("a.b.c.acme.com", "acme.com")]
    [InlineData("mail.gamma.co.uk", "gamma.co.uk")]
    [InlineData("gamma.co.uk", "gamma.co.uk")]
    [InlineData("shop.example.com.au", "example.com.au")]
    [InlineData("co.uk", "co.uk")]
    [InlineData("localhost", "localhost")]
    public void The_built_in_resolver_knows_common_multi_label_suffixes(string domain, string expected)
    {
        Assert.Equal(expected, RegistrableDomains.Default.GetRegistrableDomain(domain).ToString());
    }

    [Fact]
    public void A_host_can_supply_its_own_suffix_list()
    {
        var resolver = RegistrableDomains.FromSuffixes(["k12.ca.us", "ca.us"]);

        Assert.Equal("school.k12.ca.us", resolver.GetRegistrableDomain("www.school.k12.ca.us").ToString());
        Assert.Equal("city.ca.us", resolver.GetRegistrableDomain("dept.city.ca.us").ToString());
        Assert.Equal("co.uk", resolver.GetRegistrableDomain("mail.gamma.co.uk").ToString()); // co.uk is not in this list: the last two labels
    }

    [Fact]
    public void The_matcher_uses_the_resolver_it_is_given()
    {
        var snapshot = CrmSnapshot.FromRecords("v", [new CrmAccount { Id = "001A", Website = "city.ca.us" }]);
        var conversation = Build.Meeting("clerk@dept.city.ca.us");

        var builtIn = ConversationMatcher.Create(snapshot, Build.Options).Match(conversation);
        var custom = ConversationMatcher.Create(snapshot, Build.Options, RegistrableDomains.FromSuffixes(["ca.us"])).Match(conversation);

        Assert.Equal(MatchOutcome.Unmatched, builtIn.Outcome); // registrable would be ca.us without the list
        Assert.Equal("001A", custom.AccountId);
    }
}
