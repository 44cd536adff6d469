using System;
using System.Collections.Generic;
using System.Linq;
using SigmaCompile.Generator.Model;

namespace SigmaCompile.Generator.Lowering;

/// <summary>
/// A regex's necessary literals: strings such that every match of the pattern, on any text, contains at least one
/// of them, compared ignoring case. The runtime skips the regex on text that contains none of them, and the rule-set
/// prefilter uses them as contains atoms. Empty means "unknown": the regex runs on every value. The same reading
/// also gives a regex's necessary run (<see cref="RunOf"/>), for regexes with no literal such as <c>[a-f0-9]{64}</c>.
/// </summary>
/// <remarks>
/// <para>
/// Soundness comes first; finding literals only saves time. The pattern is read with a small parser of .NET's
/// syntax; anything it does not understand (inline options such as <c>(?x)</c> or <c>(?i)</c> other than a leading
/// <c>(?i)</c>, which reads as flag <c>i</c>; conditionals, backreferences,
/// balancing groups, escapes it does not know) gives no literals for the whole pattern. Each piece of the pattern
/// is either known exactly (one of a few strings: a literal, a small class such as <c>[/\\]</c>, an alternation of
/// such pieces, an optional one) or not; exactly known neighbours are joined, any other piece (<c>.</c>, <c>\d</c>, a
/// larger class, a piece repeated zero times or more) cuts the run, and each run is a candidate. Zero-width pieces
/// (anchors, <c>\b</c>, lookarounds) match the empty string, so they neither cut nor add. Per concatenation the
/// candidate least likely to occur (the prefilter's model, <see cref="NeedleOdds"/>, summed over a set) is kept; an
/// alternation needs one from every branch.
/// </para>
/// <para>
/// Case: the gate compares ignoring case, a superset of a case-sensitive regex's matching. With <c>i</c>, .NET's
/// invariant case-insensitive matching also relates a few ASCII letters to non-ASCII ones (k to U+212A KELVIN SIGN,
/// s to U+017F LONG S, and i to U+0130 and U+0131), which an ordinal case-insensitive search would not find; so under
/// <c>i</c> a literal keeps only ASCII characters other than those three letters. Surrogates and U+FFFD are never
/// kept: text with surrogates is matched rewritten, with each pair or lone surrogate replaced (see the runtime's
/// <c>CodePointText</c>), and only characters other than those read the same in both texts.
/// </para>
/// </remarks>
internal static class RegexLiterals
{
    /// <summary>The most literals a set may hold: the prefilter and the gate search them all.</summary>
    public const int MaxLiterals = 8;

    /// <summary>
    /// Literals more likely than this to occur are not worth searching for: one of three characters is worth it, one of
    /// two only with a character seldom seen in event text (see <see cref="NeedleOdds"/>).
    /// </summary>
    public const double MaxOdds = NeedleOdds.PlainCharacter * NeedleOdds.PlainCharacter * NeedleOdds.PlainCharacter;

    // How many copies of a repeated piece ("a{3}") are spelled out before the run is cut.
    private const int MaxCopies = 4;

    // Deeper nesting is read as "unknown" rather than risk the generator's stack.
    private const int MaxDepth = 64;

    /// <summary>A shorter run occurs in too much text to be worth looking for.</summary>
    public const int MinRunLength = 8;

    /// <summary>The necessary literals of <paramref name="pattern"/> under <paramref name="flags"/>, ordinally sorted; empty when unsure.</summary>
    public static EquatableArray<string> Of(string pattern, RegexFlags flags)
    {
        if (Read(pattern, flags)?.Required is not List<string> required)
            return EquatableArray<string>.Empty;
        return required.OrderBy(l => l, StringComparer.Ordinal).ToEquatableArray();
    }

    /// <summary>
    /// A necessary run of <paramref name="pattern"/> under <paramref name="flags"/>: every match holds that many
    /// consecutive characters of the run's set (ASCII only), such as the 64 hex digits of <c>[a-fA-F0-9]{64}</c>;
    /// null when none of at least <see cref="MinRunLength"/> characters is known.
    /// </summary>
    public static RegexRun? RunOf(string pattern, RegexFlags flags) =>
        Read(pattern, flags)?.Run is { Length: >= MinRunLength } run ? run : null;

    private static Piece? Read(string pattern, RegexFlags flags)
    {
        // A leading (?i) sets i for the whole pattern, as the flag does (SigmaHQ writes it often); any other inline
        // option is not understood.
        bool leadingI = pattern.StartsWith("(?i)", StringComparison.Ordinal);
        var parser = new Parser(leadingI ? pattern.Substring(4) : pattern, leadingI || (flags & RegexFlags.IgnoreCase) != 0);
        return parser.Whole();
    }

    /// <summary>
    /// What is known of a piece's matches: exactly one of <see cref="Exact"/>, or containing one of
    /// <see cref="Required"/>; and holding <see cref="Run"/>. A piece that is one character also has
    /// <see cref="Characters"/>: every character it can match, sorted, when all are ASCII (for runs).
    /// </summary>
    private sealed class Piece(List<string>? exact, List<string>? required, RegexRun? run = null, string? characters = null)
    {
        public List<string>? Exact { get; } = exact;

        public List<string>? Required { get; } = required;

        public RegexRun? Run { get; } = run;

        public string? Characters { get; } = characters;

        public static Piece Unknown { get; } = new(null, null);

        public static Piece Empty { get; } = new(new List<string> { "" }, null);

        public static Piece Of(params string[] strings) => new(Distinct(strings), null);
    }

    /// <summary>Joins the pieces of one concatenation, keeping each cut run as a candidate.</summary>
    private sealed class Concatenation
    {
        private readonly List<List<string>> _candidates = new();
        private List<string> _run = new() { "" };
        private bool _cut;
        private RegexRun? _longest;

        /// <summary>Notes a run that every match of the concatenation holds; the longest is kept.</summary>
        public void AddRun(RegexRun? run)
        {
            if (run is not null && (_longest is null || run.Length > _longest.Length
                || (run.Length == _longest.Length && run.Characters.Length < _longest.Characters.Length)))
                _longest = run;
        }

        public void Add(Piece piece)
        {
            if (piece.Exact is null || piece.Exact.Count > MaxLiterals)
            {
                Cut();
                if (piece.Required is not null)
                    _candidates.Add(piece.Required);
                return;
            }
            List<string> exact = piece.Exact;
            List<string> joined = Distinct(_run.SelectMany(left => exact.Select(right => left + right)));
            if (joined.Count <= MaxLiterals)
            {
                _run = joined;
                return;
            }
            // Too many combinations: what came before is still necessary on its own.
            Cut();
            _run = exact;
        }

        public void Cut()
        {
            if (!(_run.Count == 1 && _run[0].Length == 0))
                _candidates.Add(_run);
            _run = new List<string> { "" };
            _cut = true;
        }

        public Piece Result()
        {
            bool exact = !_cut;
            List<string> run = _run;
            Cut();
            return new Piece(exact ? run : null, Best(_candidates), _longest);
        }
    }

    private static List<string>? Best(IEnumerable<List<string>> candidates) =>
        candidates.Where(Usable).OrderBy(Cost).FirstOrDefault();

    private static bool Usable(List<string> literals) =>
        literals.Count is > 0 and <= MaxLiterals && literals.All(l => NeedleOdds.Of(l) <= MaxOdds);

    private static double Cost(List<string> literals) => literals.Sum(NeedleOdds.Of);

    // Strings equal ignoring case are one literal to a case-insensitive search.
    private static List<string> Distinct(IEnumerable<string> strings) => strings.Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    private static string Sorted(IEnumerable<char> characters) => new(characters.Distinct().OrderBy(c => c).ToArray());

    /// <summary>A recursive-descent reader of .NET regex syntax; null from any method means "give up on the whole pattern".</summary>
    private sealed class Parser(string pattern, bool ignoreCase)
    {
        private int _at;
        private int _depth;

        public Piece? Whole()
        {
            Piece? piece = Alternation();
            return _at == pattern.Length ? piece : null; // a stray ')'
        }

        private bool More => _at < pattern.Length;

        private char Next => pattern[_at];

        private Piece? Alternation()
        {
            if (++_depth > MaxDepth)
                return null;
            var branches = new List<Piece>();
            while (true)
            {
                Piece? branch = Concatenation();
                if (branch is null)
                    return null;
                branches.Add(branch);
                if (!More || Next != '|')
                    break;
                _at++;
            }
            _depth--;
            if (branches.Count == 1)
                return branches[0];
            List<string>? exact = branches.All(b => b.Exact is not null) ? Distinct(branches.SelectMany(b => b.Exact!)) : null;
            // Every branch must contribute, or a match through the silent branch would contain none.
            List<string>? required = branches.All(b => b.Required is not null) ? Distinct(branches.SelectMany(b => b.Required!)) : null;
            // Likewise a run: the shortest of the branches' runs, over all of their characters.
            RegexRun? run = branches.All(b => b.Run is not null)
                ? new RegexRun(Sorted(branches.SelectMany(b => b.Run!.Characters)), branches.Min(b => b.Run!.Length))
                : null;
            return new Piece(exact is { Count: <= MaxLiterals } ? exact : null, required is not null && Usable(required) ? required : null, run);
        }

        private Piece? Concatenation()
        {
            var concatenation = new Concatenation();
            while (More && Next is not ('|' or ')'))
            {
                Piece? atom = Atom();
                if (atom is null || !Quantifier(out int min, out int max))
                    return null;
                if (min >= 1)
                {
                    // In every match at least once: its own run, and min of its one character in a row.
                    concatenation.AddRun(atom.Run);
                    if (atom.Characters is not null)
                        concatenation.AddRun(new RegexRun(atom.Characters, min));
                }
                if (min == 1 && max == 1)
                {
                    concatenation.Add(atom);
                }
                else if (min == 0)
                {
                    // Optional: "s?" is "" or "s"; anything repeatable may be absent, so it cuts.
                    concatenation.Add(max == 1 && atom.Exact is not null ? Piece.Of(atom.Exact.Append("").ToArray()) : Piece.Unknown);
                }
                else
                {
                    // The first copies are there in every match; what follows them is not known.
                    for (int copy = 0; copy < Math.Min(min, MaxCopies); copy++)
                        concatenation.Add(atom);
                    if (max != min || min > MaxCopies)
                        concatenation.Cut();
                }
            }
            return concatenation.Result();
        }

        /// <summary>Reads an optional quantifier (and its lazy '?'); false for one .NET would refuse.</summary>
        private bool Quantifier(out int min, out int max)
        {
            min = 1;
            max = 1;
            if (!More)
                return true;
            switch (Next)
            {
                case '*':
                    (min, max) = (0, -1);
                    _at++;
                    break;
                case '+':
                    (min, max) = (1, -1);
                    _at++;
                    break;
                case '?':
                    (min, max) = (0, 1);
                    _at++;
                    break;
                case '{' when Braces(_at, out int low, out int high, out int end):
                    (min, max) = (low, high);
                    _at = end;
                    break;
                default:
                    return true;
            }
            if (More && Next == '?')
                _at++; // lazy: matches the same strings
            return !(More && (Next is '*' or '+' or '?' || (Next == '{' && Braces(_at, out _, out _, out _))));
        }

        /// <summary>Whether a counted quantifier {n}, {n,} or {n,m} starts at <paramref name="start"/>; anything else is a literal '{'.</summary>
        private bool Braces(int start, out int min, out int max, out int end)
        {
            min = max = 0;
            end = start + 1;
            if (!Number(ref end, out min))
                return false;
            max = min;
            if (end < pattern.Length && pattern[end] == ',')
            {
                end++;
                max = -1;
                if (end < pattern.Length && char.IsDigit(pattern[end]) && !Number(ref end, out max))
                    return false;
            }
            if (end >= pattern.Length || pattern[end] != '}')
                return false;
            end++;
            return true;
        }

        private bool Number(ref int at, out int value)
        {
            value = 0;
            int start = at;
            while (at < pattern.Length && pattern[at] is >= '0' and <= '9')
            {
                value = Math.Min(100_000, value * 10 + (pattern[at] - '0'));
                at++;
            }
            return at > start;
        }

        private Piece? Atom()
        {
            char c = Next;
            switch (c)
            {
                case '(':
                    return Group();
                case '[':
                    return Class();
                case '\\':
                    return Escape();
                case '.':
                    _at++;
                    return Piece.Unknown;
                case '^' or '$':
                    _at++;
                    return Piece.Empty;
                case '*' or '+' or '?':
                    return null; // a quantifier following nothing
                case '{' when Braces(_at, out _, out _, out _):
                    return null;
                default:
                    _at++;
                    return Character(c);
            }
        }

        private Piece Character(char c) => new(Kept(c) ? new List<string> { c.ToString() } : null, null, null, RunCharacters(new[] { c }));

        /// <summary>
        /// Every character a one-character piece over <paramref name="members"/> matches, sorted, when they are all
        /// ASCII (text with surrogates is matched rewritten, with non-ASCII tags in their place, so an ASCII run reads
        /// the same in both texts); null otherwise. Under <c>i</c> each letter brings its other case, and a k, s or i
        /// gives null, since .NET relates those to non-ASCII letters.
        /// </summary>
        private string? RunCharacters(IEnumerable<char> members)
        {
            var set = new SortedSet<char>();
            foreach (char c in members)
            {
                if (c >= 0x80)
                    return null;
                set.Add(c);
                if (!ignoreCase || !char.IsLetter(c))
                    continue;
                if (c is 'k' or 'K' or 's' or 'S' or 'i' or 'I')
                    return null;
                set.Add(char.ToUpperInvariant(c));
                set.Add(char.ToLowerInvariant(c));
            }
            return set.Count == 0 ? null : new string(set.ToArray());
        }

        /// <summary>Whether a literal may hold <paramref name="c"/> (see the remarks on case and surrogates).</summary>
        private bool Kept(char c)
        {
            if (char.IsSurrogate(c) || c == '\uFFFD')
                return false;
            return !ignoreCase || (c < 0x80 && c is not ('k' or 'K' or 's' or 'S' or 'i' or 'I'));
        }

        private Piece? Group()
        {
            _at++; // (
            bool zeroWidth = false;
            if (More && Next == '?')
            {
                char kind = _at + 1 < pattern.Length ? pattern[_at + 1] : '\0';
                char after = _at + 2 < pattern.Length ? pattern[_at + 2] : '\0';
                switch (kind)
                {
                    case ':' or '>':
                        _at += 2; // non-capturing, atomic: match as their content
                        break;
                    case '=' or '!':
                        _at += 2;
                        zeroWidth = true;
                        break;
                    case '<' when after is '=' or '!':
                        _at += 3;
                        zeroWidth = true;
                        break;
                    case '<' or '\'':
                        if (!GroupName(kind == '<' ? '>' : '\''))
                            return null;
                        break;
                    case '#':
                        int close = pattern.IndexOf(')', _at);
                        if (close < 0)
                            return null;
                        _at = close + 1;
                        return Piece.Empty;
                    default:
                        return null; // inline options, conditionals: not understood
                }
            }
            Piece? content = Alternation();
            if (content is null || !More || Next != ')')
                return null;
            _at++;
            // A lookaround consumes nothing: the match is its neighbours' text.
            return zeroWidth ? Piece.Empty : content;
        }

        // (?<name>...) or (?'name'...); a balancing group (?<a-b>...) is not understood.
        private bool GroupName(char close)
        {
            int end = pattern.IndexOf(close, _at + 2);
            if (end < 0)
                return false;
            string name = pattern.Substring(_at + 2, end - _at - 2);
            if (name.Length == 0 || !name.All(ch => char.IsLetterOrDigit(ch) || ch == '_'))
                return false;
            _at = end + 1;
            return true;
        }

        private Piece? Escape()
        {
            if (_at + 1 >= pattern.Length)
                return null;
            char e = pattern[_at + 1];
            _at += 2;
            switch (e)
            {
                case 'b' or 'B' or 'A' or 'z' or 'Z' or 'G':
                    return Piece.Empty;
                case 'd' or 'D' or 'w' or 'W' or 's' or 'S':
                    return Piece.Unknown;
                case 'p' or 'P':
                    return Property() ? Piece.Unknown : null;
                case 'c':
                    if (!More)
                        return null;
                    _at++;
                    return Piece.Unknown;
                default:
                    char? c = CharacterEscape(e);
                    return c is char ch ? Character(ch) : null;
            }
        }

        /// <summary>The character an escape stands for, for escapes that are one; the letter or punctuation after '\' is already read.</summary>
        private char? CharacterEscape(char e)
        {
            switch (e)
            {
                case 't': return '\t';
                case 'n': return '\n';
                case 'r': return '\r';
                case 'f': return '\f';
                case 'v': return '\v';
                case 'e': return '\u001B';
                case 'a': return '\u0007';
                case 'x': return Hex(2);
                case 'u': return Hex(4);
                default:
                    // Octal, backreferences and unknown letters are not understood; punctuation stands for itself.
                    return char.IsLetterOrDigit(e) ? null : e;
            }
        }

        private char? Hex(int digits)
        {
            if (_at + digits > pattern.Length)
                return null;
            int value = 0;
            for (int k = 0; k < digits; k++)
            {
                int digit = HexDigit(pattern[_at + k]);
                if (digit < 0)
                    return null;
                value = value * 16 + digit;
            }
            _at += digits;
            return (char)value;
        }

        private static int HexDigit(char c) => c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'a' and <= 'f' => c - 'a' + 10,
            >= 'A' and <= 'F' => c - 'A' + 10,
            _ => -1,
        };

        // \p{Name}: the '\p' is read.
        private bool Property()
        {
            if (!More || Next != '{')
                return false;
            int close = pattern.IndexOf('}', _at);
            if (close < 0)
                return false;
            _at = close + 1;
            return true;
        }

        /// <summary>
        /// A class: exactly one of its characters when it lists at most four plain characters (<c>[/\\]</c>), else
        /// an unknown character. Negations, ranges, class escapes and subtractions are read only to find the end.
        /// </summary>
        private Piece? Class()
        {
            _at++; // [
            bool plain = true;
            bool negated = false;
            if (More && Next == '^')
            {
                plain = false;
                negated = true;
                _at++;
            }
            var members = new List<char>();
            List<char>? characters = new(); // members and ranges, for runs; null once anything else is read
            bool first = true;
            while (true)
            {
                if (!More)
                    return null;
                char c = Next;
                if (c == ']' && !first)
                {
                    _at++;
                    break;
                }
                first = false;
                if (c == '-' && _at + 1 < pattern.Length && pattern[_at + 1] == '[')
                {
                    // Subtraction [a-z-[aeiou]]: the nested class, then this one's ']'.
                    _at++;
                    if (Class() is null || !More || Next != ']')
                        return null;
                    _at++;
                    plain = false;
                    characters = null;
                    break;
                }
                bool? member = ClassMember(out char value);
                if (member is null)
                    return null;
                if (member == false)
                {
                    plain = false;
                    characters = null;
                }
                else if (More && Next == '-' && _at + 1 < pattern.Length && pattern[_at + 1] is not (']' or '['))
                {
                    _at++; // a range
                    bool? end = ClassMember(out char last);
                    if (end is null)
                        return null;
                    plain = false;
                    if (end == false || last < value || last >= 0x80)
                        characters = null;
                    else
                        characters?.AddRange(Enumerable.Range(value, last - value + 1).Select(v => (char)v));
                }
                else
                {
                    members.Add(value);
                    characters?.Add(value);
                }
            }
            string? runCharacters = negated || characters is null ? null : RunCharacters(characters);
            if (!plain || members.Count == 0 || !members.All(Kept))
                return new Piece(null, null, null, runCharacters);
            List<string> exact = Distinct(members.Select(m => m.ToString()));
            return new Piece(exact.Count <= 4 ? exact : null, null, null, runCharacters);
        }

        /// <summary>One member of a class: true with its character, false for a class escape (\d, \p{L}), null when not understood.</summary>
        private bool? ClassMember(out char value)
        {
            value = Next;
            if (value != '\\')
            {
                _at++;
                return true;
            }
            if (_at + 1 >= pattern.Length)
                return null;
            char e = pattern[_at + 1];
            _at += 2;
            switch (e)
            {
                case 'd' or 'D' or 'w' or 'W' or 's' or 'S':
                    return false;
                case 'p' or 'P':
                    return Property() ? false : null;
                case 'b':
                    value = '\b'; // backspace, inside a class
                    return true;
                case 'c':
                    if (!More)
                        return null;
                    _at++;
                    return false;
                default:
                    char? c = CharacterEscape(e);
                    if (c is not char ch)
                        return null;
                    value = ch;
                    return true;
            }
        }
    }
}
