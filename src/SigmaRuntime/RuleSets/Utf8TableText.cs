using System;
using System.ComponentModel;

namespace SigmaCompile.RuleSets;

/// <summary>
/// Returns one of a rule set's string tables (needles, predicate strings, ids, titles) as the generator wrote it:
/// UTF-8 text, a few strings to a line (see <see cref="RuleSetIndex"/> and the other tables for what each holds).
/// A function rather than the bytes, so that the tables read the generated assembly's constant data in place and
/// keep no copy of it. For generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate ReadOnlySpan<byte> Utf8TableText();
