/** Every generated validator file (path relative to the repository, text) for a scenario schema. */
export declare function generatedValidators(schema: object): Array<{ path: string; text: string }>
/** The checked-in scenario schema (schema/scenario.schema.json). */
export declare function checkedInSchema(): object
/** A schema without its annotations. */
export declare function withoutAnnotations<T>(schema: T): T
/** The schemas the scenario validators check: the document's skeleton and each checked action's input. */
export declare function validatorSchemas(schema: object): { document: object; inputs: Record<string, object> }
/** Whether a `$defs` key is a checked action's input. */
export declare function isInputDef(key: string): boolean
