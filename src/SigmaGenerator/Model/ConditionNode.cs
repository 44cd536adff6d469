namespace SigmaCompile.Generator.Model;

/// <summary>A rule condition as a boolean tree over search identifiers (<c>x of</c> already expanded).</summary>
internal abstract record ConditionNode;

/// <summary>A search identifier.</summary>
internal sealed record IdentifierNode(string Name) : ConditionNode;

/// <summary><c>not</c> operand.</summary>
internal sealed record NotNode(ConditionNode Operand) : ConditionNode;

/// <summary>All operands hold.</summary>
internal sealed record AndNode(EquatableArray<ConditionNode> Operands) : ConditionNode;

/// <summary>Some operand holds.</summary>
internal sealed record OrNode(EquatableArray<ConditionNode> Operands) : ConditionNode;
