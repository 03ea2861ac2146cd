import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import {
  type DynamoDBDocumentClient,
  PutCommand,
  type PutCommandInput,
  UpdateCommand,
  type UpdateCommandInput,
} from "@aws-sdk/lib-dynamodb";

/** A conditional UpdateItem: false when its condition does not hold; any other error is thrown. */
export async function conditionalUpdate(
  doc: DynamoDBDocumentClient,
  input: UpdateCommandInput,
): Promise<boolean> {
  try {
    await doc.send(new UpdateCommand(input));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** A conditional PutItem: false when its condition does not hold; any other error is thrown. */
export async function conditionalPut(doc: DynamoDBDocumentClient, input: PutCommandInput): Promise<boolean> {
  try {
    await doc.send(new PutCommand(input));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
