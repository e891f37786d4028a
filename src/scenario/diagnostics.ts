import { InputError, type InputErrorCode, type SourceLocation } from '../errors.js'

/**
 * Every problem found in one scenario file, reported together (a scenario author fixes them in
 * one pass). `errors` are sorted by position; the message summarises.
 */
export class ScenarioInvalidError extends InputError {
  readonly file: string
  readonly errors: readonly InputError[]
  constructor(file: string, errors: readonly InputError[]) {
    const sorted = sortByPosition(dedupe(errors))
    const n = sorted.length
    super('invalid-scenario', `${file} is not a valid scenario (${n} ${n === 1 ? 'error' : 'errors'})`, {
      location: sorted[0]?.location,
      hint: 'fix the errors above, then run `iamflow validate` again',
    })
    this.file = file
    this.errors = sorted
  }
}

/** Collects problems with their source positions while a file is checked. */
export class Diagnostics {
  readonly errors: InputError[] = []
  constructor(
    readonly file: string,
    private readonly frameAt: (loc: SourceLocation) => string,
  ) {}

  /** Records one problem at `location`. */
  add(code: InputErrorCode, message: string, location: SourceLocation | undefined, hint: string): void {
    this.errors.push(new InputError(code, message, { location, hint, frame: location ? this.frameAt(location) || undefined : undefined }))
  }

  /** Records an error built elsewhere (a template error), adding a frame when it has none. */
  push(err: InputError): void {
    if (!err.frame && err.location) {
      const frame = this.frameAt(err.location)
      err = new InputError(err.code, err.message, { location: err.location, hint: err.hint, frame: frame || undefined })
    }
    this.errors.push(err)
  }

  get ok(): boolean {
    return this.errors.length === 0
  }

  /** Throws a `ScenarioInvalidError` when anything was recorded. */
  throwIfAny(): void {
    if (this.errors.length > 0) throw new ScenarioInvalidError(this.file, this.errors)
  }
}

function dedupe(errors: readonly InputError[]): InputError[] {
  const seen = new Set<string>()
  return errors.filter((e) => {
    const key = `${e.location?.line}:${e.location?.column}:${e.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

function sortByPosition(errors: InputError[]): InputError[] {
  return [...errors].sort((a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0))
}
