/**
 * The parsed complex-query filter. Aodh keeps the raw JSON (`{"and": [{"=": {"name": "x"}}, …]}`)
 * and re-inspects it everywhere; we parse once into this tree, with operators lower-cased,
 * the synonyms `=<`/`=>` folded into `<=`/`>=`, field aliases resolved (user → user_id,
 * project → project_id) and timestamp values normalised to the stored form.
 */
export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | '=~';
export type FilterScalar = string | number | boolean;

export interface ComparisonNode {
  readonly op: ComparisonOperator;
  readonly field: string;
  readonly value: FilterScalar;
}

export interface InNode {
  readonly op: 'in';
  readonly field: string;
  readonly values: readonly (string | number)[];
}

export interface LogicalNode {
  readonly op: 'and' | 'or';
  /** At least two operands (the grammar requires it). */
  readonly operands: readonly FilterNode[];
}

export interface NotNode {
  readonly op: 'not';
  readonly operand: FilterNode;
}

export type FilterNode = ComparisonNode | InNode | LogicalNode | NotNode;
export type LeafNode = ComparisonNode | InNode;

/** Leaves in document order (the order Aodh's post-order traversal meets them). */
export function leavesOf(node: FilterNode): LeafNode[] {
  switch (node.op) {
    case 'and':
    case 'or':
      return node.operands.flatMap(leavesOf);
    case 'not':
      return leavesOf(node.operand);
    default:
      return [node];
  }
}
