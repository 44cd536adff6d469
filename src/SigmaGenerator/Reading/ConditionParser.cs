using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using SigmaCompile.Generator.Model;

namespace SigmaCompile.Generator.Reading;

/// <summary>
/// Parses a Sigma condition into a <see cref="ConditionNode"/> tree. Precedence, loosest first: or, and, not,
/// then <c>1 of</c> / <c>any of</c> / <c>all of</c> and parentheses. Patterns expand against the detection's
/// identifiers in the order the rule declares them; <c>them</c> leaves out identifiers starting with '_'.
/// </summary>
internal sealed class ConditionParser
{
    public const int MaxNesting = 100;

    private readonly string _text;
    private readonly IReadOnlyList<string> _identifiers;
    private readonly List<Token> _tokens;
    private int _position;
    private int _depth;

    private ConditionParser(string text, IReadOnlyList<string> identifiers)
    {
        _text = text;
        _identifiers = identifiers;
        _tokens = Tokenize(text);
    }

    /// <summary>A failure: the message and the character offset in the condition it refers to.</summary>
    internal sealed class Failure(string message, int offset, bool unknownIdentifier) : Exception(message)
    {
        public int Offset { get; } = offset;

        public bool IsUnknownIdentifier { get; } = unknownIdentifier;
    }

    /// <exception cref="Failure">The condition does not parse or names what the detection lacks.</exception>
    public static ConditionNode Parse(string text, IReadOnlyList<string> identifiers)
    {
        var parser = new ConditionParser(text, identifiers);
        if (parser._tokens.Count == 0)
            throw new Failure("the condition is empty; name a search identifier, e.g. 'condition: selection'", 0, false);
        ConditionNode node = parser.ParseOr();
        if (parser._position < parser._tokens.Count)
        {
            Token extra = parser._tokens[parser._position];
            throw new Failure($"unexpected '{extra.Text}' at column {extra.Offset + 1}; join expressions with 'and' or 'or'", extra.Offset, false);
        }
        return node;
    }

    private readonly struct Token(string text, int offset)
    {
        public string Text { get; } = text;

        public int Offset { get; } = offset;

        public bool Is(string keyword) => string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);
    }

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            if (c is '(' or ')')
            {
                tokens.Add(new Token(c.ToString(), i++));
                continue;
            }
            int start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')'))
                i++;
            tokens.Add(new Token(text.Substring(start, i - start), start));
        }
        return tokens;
    }

    private Token? Peek => _position < _tokens.Count ? _tokens[_position] : null;

    private int EndOffset => _text.Length;

    private ConditionNode ParseOr()
    {
        var operands = new List<ConditionNode> { ParseAnd() };
        while (Peek is { } t && t.Is("or"))
        {
            _position++;
            operands.Add(ParseAnd());
        }
        return operands.Count == 1 ? operands[0] : new OrNode(operands.ToEquatableArray());
    }

    private ConditionNode ParseAnd()
    {
        var operands = new List<ConditionNode> { ParseNot() };
        while (Peek is { } t && t.Is("and"))
        {
            _position++;
            operands.Add(ParseNot());
        }
        return operands.Count == 1 ? operands[0] : new AndNode(operands.ToEquatableArray());
    }

    private ConditionNode ParseNot()
    {
        if (Peek is { } t && t.Is("not"))
        {
            _position++;
            Enter(t);
            ConditionNode operand = ParseNot();
            _depth--;
            return new NotNode(operand);
        }
        return ParsePrimary();
    }

    private void Enter(Token token)
    {
        if (++_depth > MaxNesting)
            throw new Failure($"the condition nests deeper than {MaxNesting} levels of parentheses or 'not'", token.Offset, false);
    }

    private ConditionNode ParsePrimary()
    {
        if (Peek is not { } token)
            throw new Failure("the condition ends where a search identifier, 'not', 'x of' or '(' was expected", EndOffset, false);
        _position++;
        if (token.Text == "(")
        {
            Enter(token);
            ConditionNode inner = ParseOr();
            _depth--;
            if (Peek is not { } close || close.Text != ")")
                throw new Failure($"the '(' at column {token.Offset + 1} is not closed; add ')'", Peek?.Offset ?? EndOffset, false);
            _position++;
            return inner;
        }
        if (token.Text == ")")
            throw new Failure($"unexpected ')' at column {token.Offset + 1}", token.Offset, false);
        if (token.Is("and") || token.Is("or") || token.Is("of"))
            throw new Failure($"'{token.Text}' at column {token.Offset + 1} needs an expression before it", token.Offset, false);
        if ((token.Is("1") || token.Is("any") || token.Is("all")) && Peek is { } of && of.Is("of"))
        {
            _position++;
            return ParseQuantifier(token);
        }
        if (token.Is("them") || token.Text.IndexOf('*') >= 0)
            throw new Failure($"'{token.Text}' at column {token.Offset + 1} must follow '1 of', 'any of' or 'all of'", token.Offset, false);
        if (token.Text == "|" || token.Text.StartsWith("|", StringComparison.Ordinal))
            throw new Failure($"'{token.Text}' at column {token.Offset + 1}: aggregations ('| count() ...') are Sigma 1 syntax; use a correlation rule", token.Offset, false);
        if (!_identifiers.Contains(token.Text))
            throw new Failure($"The condition names '{token.Text}', which the detection does not define{Closest(token.Text)}", token.Offset, true);
        return new IdentifierNode(token.Text);
    }

    private ConditionNode ParseQuantifier(Token quantifier)
    {
        if (Peek is not { } target || target.Text is "(" or ")")
            throw new Failure($"'{quantifier.Text} of' at column {quantifier.Offset + 1} needs a pattern or 'them'", Peek?.Offset ?? EndOffset, false);
        _position++;
        List<string> matched;
        if (target.Is("them"))
        {
            matched = _identifiers.Where(id => !id.StartsWith("_", StringComparison.Ordinal)).ToList();
        }
        else
        {
            var regex = new Regex("^" + string.Join(".*", target.Text.Split('*').Select(Regex.Escape)) + "$", RegexOptions.CultureInvariant);
            matched = _identifiers.Where(id => regex.IsMatch(id)).ToList();
        }
        if (matched.Count == 0)
            throw new Failure($"'{quantifier.Text} of {target.Text}' matches no search identifier of the detection", target.Offset, true);
        List<ConditionNode> operands = matched.Select(id => (ConditionNode)new IdentifierNode(id)).ToList();
        if (operands.Count == 1)
            return operands[0];
        return quantifier.Is("all") ? new AndNode(operands.ToEquatableArray()) : new OrNode(operands.ToEquatableArray());
    }

    private string Closest(string name)
    {
        string? close = _identifiers.FirstOrDefault(id => string.Equals(id, name, StringComparison.OrdinalIgnoreCase));
        return close is null ? $"; defined: {string.Join(", ", _identifiers)}" : $" (did you mean '{close}'?)";
    }
}
