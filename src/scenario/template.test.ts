import { describe, expect, it } from 'vitest'
import { interpolate, parseTemplate, templateNames, templateRefs, TemplateError, type Lookup } from './template.js'

const values: Record<string, unknown> = {
  user: 'demo-user',
  duration: 900,
  list: ['a', 'b'],
  map: { k: 1 },
  flag: false,
  nothing: null,
  'run.id': 'r-123',
  'env.HOME': '/home/x',
}
const lookup: Lookup = (name) => (name in values ? { found: true, value: values[name] } : { found: false })

describe('interpolate', () => {
  it('keeps the type of a scalar that is exactly one template', () => {
    expect(interpolate('${{ duration }}', lookup)).toBe(900)
    expect(interpolate('${{duration}}', lookup)).toBe(900)
    expect(interpolate('${{ list }}', lookup)).toEqual(['a', 'b'])
    expect(interpolate('${{ map }}', lookup)).toEqual({ k: 1 })
    expect(interpolate('${{ flag }}', lookup)).toBe(false)
    expect(interpolate('${{ nothing }}', lookup)).toBe(null)
  })

  it('renders templates inside a longer string as text', () => {
    expect(interpolate('name-${{ user }}-${{ duration }}', lookup)).toBe('name-demo-user-900')
    expect(interpolate('${{ list }}!', lookup)).toBe('["a","b"]!')
    expect(interpolate('${{ user }}${{ run.id }}', lookup)).toBe('demo-userr-123')
    expect(interpolate(' ${{ duration }}', lookup)).toBe(' 900')
  })

  it('leaves IAM policy variables alone', () => {
    const policy = { Resource: 'arn:aws:s3:::bucket/${aws:username}/*', Cond: '${aws:PrincipalTag/team}-${{ user }}' }
    expect(interpolate(policy, lookup)).toEqual({
      Resource: 'arn:aws:s3:::bucket/${aws:username}/*',
      Cond: '${aws:PrincipalTag/team}-demo-user',
    })
  })

  it('walks lists and maps and never mutates its input', () => {
    const input = { a: ['${{ user }}', { b: '${{ duration }}' }], c: 3, '${{ user }}': 'key kept' }
    const snapshot = structuredClone(input)
    const out = interpolate(input, lookup) as Record<string, unknown>
    expect(out).toEqual({ a: ['demo-user', { b: 900 }], c: 3, '${{ user }}': 'key kept' })
    expect(input).toEqual(snapshot)
    expect(out.a).not.toBe(input.a)
  })

  it('dotted names such as run.id and env.NAME are looked up whole', () => {
    expect(interpolate('${{ env.HOME }}', lookup)).toBe('/home/x')
  })

  it('names an undefined name, with the path and location', () => {
    const locate = (path: ReadonlyArray<string | number>) => ({ file: 'f.yaml', line: 7, column: path.length })
    let caught: unknown
    try {
      interpolate({ x: ['ok', 'a-${{ roleArn }}'] }, lookup, { path: ['steps', 1, 'input'], locate })
    } catch (err) {
      caught = err
    }
    expect(caught).toBeInstanceOf(TemplateError)
    const err = caught as TemplateError
    expect(err.code).toBe('unknown-name')
    expect(err.message).toBe('${{ roleArn }} is not defined')
    expect(err.templateName).toBe('roleArn')
    expect(err.path).toEqual(['steps', 1, 'input', 'x', 1])
    expect(err.location).toEqual({ file: 'f.yaml', line: 7, column: 5 })
    expect(err.exitCode).toBe(2)
  })

  it('points at nested members and elements, from the root or from no base path, and keeps __proto__ an own member', () => {
    const pathOfError = (value: unknown, path?: Array<string | number>) => {
      try {
        interpolate(value, lookup, path ? { path } : {})
      } catch (err) {
        return (err as TemplateError).path
      }
      return undefined
    }
    const doc = JSON.parse('{"__proto__":{"a":"${{ user }}"},"k":[[1,{"z":"x-${{ nope }}"}]],"m":{"n":["${{ user }}"]}}') as object
    expect(pathOfError(doc, ['steps', 0, 'input'])).toEqual(['steps', 0, 'input', 'k', 0, 1, 'z'])
    expect(pathOfError(doc)).toEqual(['k', 0, 1, 'z'])
    expect(pathOfError('${{ nope }}', ['vars', 'x'])).toEqual(['vars', 'x'])
    expect(pathOfError(['a', ['b', '${{ nope }}']], [])).toEqual([1, 1])
    const ok = JSON.parse('{"__proto__":{"a":"${{ user }}"},"m":{"n":["${{ user }}"]}}') as object
    const out = interpolate(ok, lookup) as Record<string, unknown>
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype)
    expect(Object.keys(out)).toEqual(['__proto__', 'm'])
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ a: 'demo-user' })
    expect(out.m).toEqual({ n: ['demo-user'] })
  })

  it('rejects malformed templates', () => {
    expect(() => interpolate('${{ user', lookup)).toThrow(/unclosed template/)
    expect(() => interpolate('${{ }}', lookup)).toThrow(/empty template/)
    expect(() => interpolate('${{ a b }}', lookup)).toThrow(/not a valid template/)
  })
})

describe('templateNames and parseTemplate', () => {
  it('lists names in order, once each', () => {
    expect(templateNames({ a: '${{ x }}-${{ y }}', b: ['${{ x }}', 5, '${aws:username}'], c: { d: '${{ run.id }}' } })).toEqual(['x', 'y', 'run.id'])
  })
  it('reports where each reference sits', () => {
    expect(templateRefs({ a: ['${{ x }}'] }, ['input'])).toEqual([{ name: 'x', path: ['input', 'a', 0] }])
  })
  it('splits text and references', () => {
    expect(parseTemplate('a${{ b }}c')).toEqual([
      { kind: 'text', text: 'a' },
      { kind: 'ref', name: 'b' },
      { kind: 'text', text: 'c' },
    ])
  })
})

describe('totp() (MFA codes from a captured seed)', () => {
  // RFC 6238 appendix B's SHA-1 key, base32: at T=59 s the 6-digit code is 287082.
  const seed = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
  const withSeed: Lookup = (name) => (name === 'seed' ? { found: true, value: seed } : name === 'user' ? { found: true, value: 'demo-user' } : { found: false })

  it('computes the code with the run clock, and the next step\'s with a second argument', () => {
    expect(interpolate('${{ totp(seed) }}', withSeed, { now: () => 59_000 })).toBe('287082')
    expect(interpolate('${{ totp(seed, 1) }}', withSeed, { now: () => 29_000 })).toBe('287082')
    expect(interpolate('${{ totp( seed , -1 ) }}', withSeed, { now: () => 89_999 })).toBe('287082')
    expect(interpolate('code ${{ totp(seed) }}', withSeed, { now: () => 59_000 })).toBe('code 287082')
  })

  it('names the argument as the template name (so undefined captures are reported) and previews in plan', () => {
    expect(templateNames('${{ totp(seed, 1) }}')).toEqual(['seed'])
    expect(interpolate('${{ totp(seed, 1) }}', withSeed, { previewCalls: true })).toBe('<totp(seed, 1)>')
    expect(() => interpolate('${{ totp(missing) }}', withSeed)).toThrow(/\$\{\{ missing \}\} is not defined/)
  })

  it('refuses other functions, bad offsets and a value that is not a seed', () => {
    expect(() => interpolate('${{ hotp(seed) }}', withSeed)).toThrow(/calls hotp\(\), which is not a template function/)
    expect(() => interpolate('${{ totp(seed, 10) }}', withSeed)).toThrow(/whole number of 30-second steps from -9 to 9/)
    expect(() => interpolate('${{ totp(seed, x) }}', withSeed)).toThrow(/whole number/)
    expect(() => interpolate('${{ totp(user) }}', withSeed)).toThrow(/user is not an MFA seed/)
  })
})
