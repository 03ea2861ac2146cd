import { CfnOutput, RemovalPolicy, Stack, type StackProps } from "aws-cdk-lib";
import type { Construct } from "constructs";
import { Data } from "./constructs/data";

export interface TelecollectStackProps extends StackProps {
  removalPolicy?: RemovalPolicy;
}

/** The whole deployment; one construct per concern (the data layer so far). */
export class TelecollectStack extends Stack {
  readonly data: Data;

  constructor(scope: Construct, id: string, props: TelecollectStackProps = {}) {
    super(scope, id, props);
    this.data = new Data(this, "Data", { removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN });
    for (const [name, table] of Object.entries(this.data.tables)) {
      new CfnOutput(this, `${name}TableName`, { value: table.tableName });
    }
  }
}
