// asl-validator 4.0.0 ships no type declarations; this is the shape of its CommonJS export
// (dist/src/validator.js). Note: the function MUTATES its argument (it fills in QueryLanguage on
// every state), so always pass it a copy.
declare module "asl-validator" {
  interface AslValidatorOptions {
    checkPaths?: boolean;
    checkArn?: boolean;
  }
  interface AslValidatorError {
    "Error code": string;
    Message: string;
  }
  interface AslValidatorResult {
    isValid: boolean;
    errors: AslValidatorError[];
    errorsText(separator?: string): string;
  }
  function aslValidator(definition: unknown, options?: AslValidatorOptions): AslValidatorResult;
  export default aslValidator;
}
