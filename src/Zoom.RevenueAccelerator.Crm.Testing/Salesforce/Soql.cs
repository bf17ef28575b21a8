using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Zoom.RevenueAccelerator.Crm.Testing.Salesforce;

/// <summary>A SOQL statement the emulator understands: SELECT (fields and child subqueries) FROM WHERE ORDER BY LIMIT.</summary>
internal sealed record SoqlQuery(string From, IReadOnlyList<string> Fields, IReadOnlyList<SoqlQuery> Children, SoqlExpression? Where, IReadOnlyList<(string Field, bool Descending)> OrderBy, int? Limit);

internal abstract record SoqlExpression;

internal sealed record SoqlAnd(SoqlExpression Left, SoqlExpression Right) : SoqlExpression;

internal sealed record SoqlOr(SoqlExpression Left, SoqlExpression Right) : SoqlExpression;

internal sealed record SoqlNot(SoqlExpression Operand) : SoqlExpression;

internal sealed record SoqlComparison(string Field, string Operator, SoqlValue Value) : SoqlExpression;

internal sealed record SoqlIn(string Field, bool Negated, IReadOnlyList<SoqlValue> Values) : SoqlExpression;

/// <summary>A literal: a string (quoted), a number, a boolean, null, a date or a date-time (both unquoted).</summary>
internal sealed record SoqlValue(SoqlValueKind Kind, object? Value);

internal enum SoqlValueKind
{
    Null,
    String,
    Number,
    Boolean,
    Date,
    DateTime,
}

/// <summary>A query the emulator refuses, answered as 400 MALFORMED_QUERY like Salesforce does.</summary>
internal sealed class SoqlException(string message) : Exception(message);

/// <summary>A small recursive-descent SOQL parser, strict about string escapes and unquoted date literals.</summary>
internal sealed class SoqlParser
{
    private readonly string _text;
    private int _pos;

    private SoqlParser(string text) => _text = text;

    public static SoqlQuery Parse(string soql)
    {
        var parser = new SoqlParser(soql);
        var query = parser.ParseSelect(child: false);
        parser.SkipSpace();
        if (parser._pos != soql.Length)
        {
            throw new SoqlException($"unexpected token: '{parser.Rest()}'");
        }

        return query;
    }

    private SoqlQuery ParseSelect(bool child)
    {
        Expect("SELECT");
        var fields = new List<string>();
        var children = new List<SoqlQuery>();
        do
        {
            SkipSpace();
            if (Peek() == '(')
            {
                _pos++;
                children.Add(ParseSelect(child: true));
                SkipSpace();
                ExpectChar(')');
            }
            else
            {
                fields.Add(Identifier());
            }

            SkipSpace();
        }
        while (TryChar(','));

        Expect("FROM");
        var from = Identifier();
        SoqlExpression? where = null;
        if (TryKeyword("WHERE"))
        {
            where = ParseOr();
        }

        var orderBy = new List<(string, bool)>();
        if (TryKeyword("ORDER"))
        {
            Expect("BY");
            do
            {
                var field = Identifier();
                var descending = false;
                if (TryKeyword("DESC"))
                {
                    descending = true;
                }
                else
                {
                    TryKeyword("ASC");
                }

                if (TryKeyword("NULLS"))
                {
                    if (!TryKeyword("FIRST"))
                    {
                        Expect("LAST");
                    }
                }

                orderBy.Add((field, descending));
                SkipSpace();
            }
            while (TryChar(','));
        }

        int? limit = null;
        if (TryKeyword("LIMIT"))
        {
            SkipSpace();
            var start = _pos;
            while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
            {
                _pos++;
            }

            if (start == _pos)
            {
                throw new SoqlException("LIMIT needs a number");
            }

            limit = int.Parse(_text.AsSpan(start, _pos - start), NumberStyles.None, CultureInfo.InvariantCulture);
        }

        if (!child && fields.Count == 0)
        {
            throw new SoqlException("SELECT needs at least one field");
        }

        return new SoqlQuery(from, fields, children, where, orderBy, limit);
    }

    private SoqlExpression ParseOr()
    {
        var left = ParseAnd();
        while (TryKeyword("OR"))
        {
            left = new SoqlOr(left, ParseAnd());
        }

        return left;
    }

    private SoqlExpression ParseAnd()
    {
        var left = ParseFactor();
        while (TryKeyword("AND"))
        {
            left = new SoqlAnd(left, ParseFactor());
        }

        return left;
    }

    private SoqlExpression ParseFactor()
    {
        SkipSpace();
        if (TryKeyword("NOT"))
        {
            return new SoqlNot(ParseFactor());
        }

        if (TryChar('('))
        {
            var inner = ParseOr();
            SkipSpace();
            ExpectChar(')');
            return inner;
        }

        var field = Identifier();
        SkipSpace();
        if (TryKeyword("NOT"))
        {
            Expect("IN");
            return new SoqlIn(field, true, ParseList());
        }

        if (TryKeyword("IN"))
        {
            return new SoqlIn(field, false, ParseList());
        }

        if (TryKeyword("LIKE"))
        {
            var pattern = ParseValue();
            if (pattern.Kind != SoqlValueKind.String)
            {
                throw new SoqlException($"LIKE on '{field}' needs a quoted string");
            }

            return new SoqlComparison(field, "LIKE", pattern);
        }

        string op;
        if (TryText("<=") || TryText(">=") || TryText("!=") || TryText("<>"))
        {
            op = _text.Substring(_pos - 2, 2) == "<>" ? "!=" : _text.Substring(_pos - 2, 2);
        }
        else if (TryText("=") || TryText("<") || TryText(">"))
        {
            op = _text.Substring(_pos - 1, 1);
        }
        else
        {
            throw new SoqlException($"unexpected token after '{field}': '{Rest()}'");
        }

        return new SoqlComparison(field, op, ParseValue());
    }

    private List<SoqlValue> ParseList()
    {
        SkipSpace();
        ExpectChar('(');
        var values = new List<SoqlValue>();
        do
        {
            values.Add(ParseValue());
            SkipSpace();
        }
        while (TryChar(','));

        ExpectChar(')');
        return values;
    }

    private SoqlValue ParseValue()
    {
        SkipSpace();
        if (_pos >= _text.Length)
        {
            throw new SoqlException("unexpected end of query: a value was expected");
        }

        if (_text[_pos] == '\'')
        {
            return new SoqlValue(SoqlValueKind.String, ReadString());
        }

        if (_text[_pos] == '"')
        {
            throw new SoqlException("strings are quoted with single quotes");
        }

        var start = _pos;
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] is '-' or ':' or '.' or '+' or '_'))
        {
            _pos++;
        }

        var token = _text[start.._pos];
        if (token.Length == 0)
        {
            throw new SoqlException($"a value was expected at '{Rest()}'");
        }

        if (token.Equals("null", StringComparison.OrdinalIgnoreCase))
        {
            return new SoqlValue(SoqlValueKind.Null, null);
        }

        if (token.Equals("true", StringComparison.OrdinalIgnoreCase) || token.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return new SoqlValue(SoqlValueKind.Boolean, token.Equals("true", StringComparison.OrdinalIgnoreCase));
        }

        if (token.Length == 10 && DateOnly.TryParseExact(token, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new SoqlValue(SoqlValueKind.Date, date);
        }

        if (token.Contains('T', StringComparison.Ordinal))
        {
            // Documented forms: YYYY-MM-DDThh:mm:ssZ and YYYY-MM-DDThh:mm:ss+hh:mm (milliseconds tolerated).
            string[] formats = ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.fffzzz"];
            if (DateTimeOffset.TryParseExact(token, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                return new SoqlValue(SoqlValueKind.DateTime, at.ToUniversalTime());
            }

            throw new SoqlException($"line 1:{start} no viable alternative at character '{token}'");
        }

        if (decimal.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return new SoqlValue(SoqlValueKind.Number, number);
        }

        throw new SoqlException($"unexpected token: '{token}'");
    }

    private string ReadString()
    {
        _pos++; // opening quote
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw new SoqlException("unterminated string literal");
            }

            var c = _text[_pos++];
            if (c == '\'')
            {
                return sb.ToString();
            }

            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            if (_pos >= _text.Length)
            {
                throw new SoqlException("unterminated string literal");
            }

            var e = _text[_pos++];
            switch (e)
            {
                case 'n' or 'N': sb.Append('\n'); break;
                case 'r' or 'R': sb.Append('\r'); break;
                case 't' or 'T': sb.Append('\t'); break;
                case 'b' or 'B': sb.Append('\b'); break;
                case 'f' or 'F': sb.Append('\f'); break;
                case '"' or '\'' or '\\': sb.Append(e); break;
                case '_' or '%': sb.Append('\\').Append(e); break; // meaningful inside LIKE only
                case 'u' or 'U':
                    if (_pos + 4 > _text.Length || !int.TryParse(_text.AsSpan(_pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                    {
                        throw new SoqlException("invalid unicode escape in string literal");
                    }

                    sb.Append((char)code);
                    _pos += 4;
                    break;
                default:
                    throw new SoqlException($"Invalid string literal: illegal escape sequence '\\{e}'");
            }
        }
    }

    private string Identifier()
    {
        SkipSpace();
        var start = _pos;
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] is '_' or '.'))
        {
            _pos++;
        }

        if (start == _pos)
        {
            throw new SoqlException($"a field or object name was expected at '{Rest()}'");
        }

        return _text[start.._pos];
    }

    private void Expect(string keyword)
    {
        if (!TryKeyword(keyword))
        {
            throw new SoqlException($"expecting '{keyword}', found '{Rest()}'");
        }
    }

    private void ExpectChar(char c)
    {
        if (!TryChar(c))
        {
            throw new SoqlException($"expecting '{c}', found '{Rest()}'");
        }
    }

    private bool TryKeyword(string keyword)
    {
        SkipSpace();
        if (_pos + keyword.Length > _text.Length || string.Compare(_text, _pos, keyword, 0, keyword.Length, StringComparison.OrdinalIgnoreCase) != 0)
        {
            return false;
        }

        var end = _pos + keyword.Length;
        if (end < _text.Length && (char.IsAsciiLetterOrDigit(_text[end]) || _text[end] == '_'))
        {
            return false;
        }

        _pos = end;
        return true;
    }

    private bool TryChar(char c)
    {
        SkipSpace();
        if (_pos < _text.Length && _text[_pos] == c)
        {
            _pos++;
            return true;
        }

        return false;
    }

    private bool TryText(string text)
    {
        SkipSpace();
        if (string.CompareOrdinal(_text, _pos, text, 0, text.Length) == 0)
        {
            _pos += text.Length;
            return true;
        }

        return false;
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private void SkipSpace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
    }

    private string Rest() => _pos >= _text.Length ? "<end of query>" : _text[_pos..Math.Min(_text.Length, _pos + 30)];
}
