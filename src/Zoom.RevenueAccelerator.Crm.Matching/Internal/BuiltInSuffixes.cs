using System;
using System.Collections.Generic;

namespace Zoom.RevenueAccelerator.Crm.Matching.Internal;

/// <summary>Common multi-label public suffixes (second-level registries), from the Public Suffix List's ICANN section.</summary>
internal static class BuiltInSuffixes
{
    public static readonly IReadOnlyCollection<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        "ac.uk", "co.uk", "gov.uk", "ltd.uk", "me.uk", "net.uk", "nhs.uk", "org.uk", "plc.uk", "sch.uk",
        "asn.au", "com.au", "edu.au", "gov.au", "id.au", "net.au", "org.au",
        "ac.nz", "co.nz", "geek.nz", "gen.nz", "govt.nz", "net.nz", "org.nz",
        "ac.jp", "co.jp", "go.jp", "ne.jp", "or.jp",
        "ac.kr", "co.kr", "go.kr", "ne.kr", "or.kr",
        "ac.in", "co.in", "firm.in", "gen.in", "gov.in", "ind.in", "net.in", "org.in",
        "ac.za", "co.za", "gov.za", "net.za", "org.za", "web.za",
        "ac.il", "co.il", "gov.il", "net.il", "org.il",
        "co.id", "or.id", "web.id", "ac.th", "co.th", "in.th", "or.th",
        "co.ke", "or.ke", "co.tz", "or.tz", "co.ug", "or.ug", "co.zw", "co.bw",
        "com.ar", "com.bo", "com.br", "net.br", "org.br", "com.cl", "com.co", "com.ec", "com.mx", "org.mx", "com.pe", "com.py", "com.uy", "com.ve",
        "com.cn", "net.cn", "org.cn", "gov.cn", "com.hk", "org.hk", "com.mo", "com.tw", "org.tw", "com.sg", "edu.sg", "org.sg",
        "com.my", "org.my", "com.ph", "com.vn", "com.pk", "com.bd", "com.np", "com.lk",
        "com.sa", "com.eg", "com.ng", "com.gh", "com.kw", "com.qa", "com.om", "com.bh", "com.lb", "com.jo",
        "com.tr", "org.tr", "com.pl", "net.pl", "org.pl", "com.ua", "org.ua", "com.ru", "com.es", "org.es", "com.gr", "com.pt", "com.ro",
        "co.at", "or.at", "co.hu", "com.cy", "com.mt", "co.rs", "com.hr",
    };
}
