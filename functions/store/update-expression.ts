import type { UpdateCommandInput } from "@aws-sdk/lib-dynamodb";

/**
 * Builds one UpdateItem from named parts (SET, REMOVE, ADD, conditions, names, values), so a
 * store composes an update from the fields it changes and aliases never collide. Every store
 * builds its variable updates with it.
 */
export class UpdateExpression {
  readonly set: string[] = [];
  readonly remove: string[] = [];
  readonly add: string[] = [];
  readonly conditions: string[] = [];
  readonly names: Record<string, string> = {};
  readonly values: Record<string, unknown> = {};

  name(alias: string, name: string): this {
    this.names[alias] = name;
    return this;
  }

  value(alias: string, value: unknown): this {
    this.values[alias] = value;
    return this;
  }

  /** `SET path = alias` with its value. */
  assign(path: string, alias: string, value: unknown): this {
    this.set.push(`${path} = ${alias}`);
    return this.value(alias, value);
  }

  /** `ADD path alias` with its value (numbers add, sets union). */
  increment(path: string, alias: string, value: unknown): this {
    this.add.push(`${path} ${alias}`);
    return this.value(alias, value);
  }

  /** A condition, with the values it names. */
  require(condition: string, values: Record<string, unknown> = {}): this {
    this.conditions.push(condition);
    Object.assign(this.values, values);
    return this;
  }

  update(table: string, key: Record<string, unknown>): UpdateCommandInput & { UpdateExpression: string } {
    const parts: string[] = [];
    if (this.set.length > 0) parts.push(`SET ${this.set.join(", ")}`);
    if (this.remove.length > 0) parts.push(`REMOVE ${this.remove.join(", ")}`);
    if (this.add.length > 0) parts.push(`ADD ${this.add.join(", ")}`);
    return {
      TableName: table,
      Key: key,
      UpdateExpression: parts.join(" "),
      ...(this.conditions.length > 0 ? { ConditionExpression: this.conditions.join(" AND ") } : {}),
      ...(Object.keys(this.names).length > 0 ? { ExpressionAttributeNames: this.names } : {}),
      ...(Object.keys(this.values).length > 0 ? { ExpressionAttributeValues: this.values } : {}),
    };
  }
}
