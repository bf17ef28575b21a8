using System;
using System.Linq;
using System.Text;

namespace Zoom.RevenueAccelerator.Crm.Testing.Salesforce;

/// <summary>Runs a parsed query over the org's records: type checks like Salesforce, case-insensitive text comparison.</summary>
internal static class SoqlEvaluator
{
    public static void Validate(SalesforceSchema schema, SoqlQuery query, SfObject target)
    {
        foreach (var field in query.Fields)
        {
            Field(target, field);
        }

        foreach (var (field, _) in query.OrderBy)
        {
            Field(target, field);
        }

        if (query.Where is { } where)
        {
            Check(target, where);
        }

        foreach (var child in query.Children)
        {
            if (!target.Children.TryGetValue(child.From, out var relation))
            {
                throw new SoqlInvalidFieldException($"Didn't understand relationship '{child.From}' in FROM part of query call.");
            }

            Validate(schema, child, schema.Find(relation.Object)!);
        }
    }

    public static bool Matches(SoqlExpression? expression, SfRecord record) => expression switch
    {
        null => true,
        SoqlAnd and => Matches(and.Left, record) && Matches(and.Right, record),
        SoqlOr or => Matches(or.Left, record) || Matches(or.Right, record),
        SoqlNot not => !Matches(not.Operand, record),
        SoqlIn @in => @in.Values.Any(v => Compare(record.Get(@in.Field), v.Value) == 0) != @in.Negated,
        SoqlComparison c => Evaluate(c, record.Get(c.Field)),
        _ => throw new InvalidOperationException("Unknown expression."),
    };

    public static int Compare(object? left, object? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null ? 0 : left is null ? -1 : 1;
        }

        return (left, right) switch
        {
            (string a, string b) => string.Compare(a, b, StringComparison.OrdinalIgnoreCase),
            (bool a, bool b) => a.CompareTo(b),
            (DateTimeOffset a, DateTimeOffset b) => a.CompareTo(b),
            (DateOnly a, DateOnly b) => a.CompareTo(b),
            (decimal a, decimal b) => a.CompareTo(b),
            _ => throw new InvalidOperationException($"Cannot compare {left.GetType().Name} with {right.GetType().Name}."),
        };
    }

    private static bool Evaluate(SoqlComparison c, object? value)
    {
        if (c.Operator == "LIKE")
        {
            return value is string s && Like(s, (string)c.Value.Value!);
        }

        if (c.Value.Value is null || value is null)
        {
            var equal = c.Value.Value is null && value is null;
            return c.Operator switch { "=" => equal, "!=" => !equal, _ => false };
        }

        var cmp = Compare(value, c.Value.Value);
        return c.Operator switch
        {
            "=" => cmp == 0,
            "!=" => cmp != 0,
            "<" => cmp < 0,
            "<=" => cmp <= 0,
            ">" => cmp > 0,
            ">=" => cmp >= 0,
            _ => throw new SoqlException($"unknown operator {c.Operator}"),
        };
    }

    private static bool Like(string value, string pattern)
    {
        // % any run, _ one character, \% and \_ literal; case-insensitive.
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var ch = pattern[i];
            if (ch == '\\' && i + 1 < pattern.Length && pattern[i + 1] is '%' or '_')
            {
                regex.Append(System.Text.RegularExpressions.Regex.Escape(pattern[++i].ToString()));
            }
            else
            {
                regex.Append(ch switch { '%' => ".*", '_' => ".", _ => System.Text.RegularExpressions.Regex.Escape(ch.ToString()) });
            }
        }

        return System.Text.RegularExpressions.Regex.IsMatch(value, regex.Append('$').ToString(), System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.Singleline | System.Text.RegularExpressions.RegexOptions.CultureInvariant);
    }

    private static SfFieldType Field(SfObject target, string field)
    {
        if (field.Contains('.', StringComparison.Ordinal))
        {
            throw new SoqlInvalidFieldException($"The emulator does not follow relationship fields ('{field}').");
        }

        return target.Fields.TryGetValue(field, out var type)
            ? type
            : throw new SoqlInvalidFieldException($"No such column '{field}' on entity '{target.Name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.");
    }

    private static void Check(SfObject target, SoqlExpression expression)
    {
        switch (expression)
        {
            case SoqlAnd and:
                Check(target, and.Left);
                Check(target, and.Right);
                break;
            case SoqlOr or:
                Check(target, or.Left);
                Check(target, or.Right);
                break;
            case SoqlNot not:
                Check(target, not.Operand);
                break;
            case SoqlIn @in:
                var inType = Field(target, @in.Field);
                foreach (var v in @in.Values)
                {
                    CheckValue(target, @in.Field, inType, v);
                }

                break;
            case SoqlComparison c:
                var type = Field(target, c.Field);
                if (c.Operator == "LIKE" && type is not (SfFieldType.String or SfFieldType.Id))
                {
                    throw new SoqlException($"invalid operator on field '{c.Field}': LIKE needs a text field");
                }

                if (type == SfFieldType.Boolean && c.Operator is not ("=" or "!="))
                {
                    throw new SoqlException($"invalid operator on boolean field '{c.Field}'");
                }

                CheckValue(target, c.Field, type, c.Value);
                break;
        }
    }

    private static void CheckValue(SfObject target, string field, SfFieldType type, SoqlValue value)
    {
        var ok = value.Kind switch
        {
            SoqlValueKind.Null => true,
            SoqlValueKind.String => type is SfFieldType.String or SfFieldType.Id,
            SoqlValueKind.Boolean => type == SfFieldType.Boolean,
            SoqlValueKind.DateTime => type == SfFieldType.DateTime,
            SoqlValueKind.Date => type == SfFieldType.Date,
            SoqlValueKind.Number => type == SfFieldType.Number,
            _ => false,
        };
        if (!ok)
        {
            var expected = type switch
            {
                SfFieldType.DateTime => "dateTime and should not be enclosed in quotes",
                SfFieldType.Date => "date and should not be enclosed in quotes",
                SfFieldType.Boolean => "boolean and should not be enclosed in quotes",
                SfFieldType.Number => "double and should not be enclosed in quotes",
                _ => "string and should be enclosed in single quotes",
            };
            throw new SoqlInvalidFieldException($"value of filter criterion for field '{field}' on '{target.Name}' must be of type {expected}");
        }
    }
}

/// <summary>A query naming a field or relationship the org does not have (400 INVALID_FIELD).</summary>
internal sealed class SoqlInvalidFieldException(string message) : Exception(message);
