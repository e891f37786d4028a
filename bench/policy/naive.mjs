// A deliberately naive policy interpreter, the baseline for bench/policy.bench.mjs: it walks the
// raw JSON documents on every request, builds a RegExp for every Action/Resource/StringLike
// pattern it meets, substitutes variables with a string replace, and re-reads the request
// context for every condition. It covers only what the benchmark's policies use.

const toList = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])
const globToRegExp = (p, flags = '') => new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, flags)

function contextValue(request, key) {
  const k = key.toLowerCase()
  const p = request.principal
  if (k === 'aws:username') return p.username
  if (k === 'aws:userid') return p.userId
  if (k.startsWith('aws:principaltag/')) {
    const tag = Object.keys(p.tags ?? {}).find((t) => t.toLowerCase() === k.slice('aws:principaltag/'.length))
    return tag === undefined ? undefined : p.tags[tag]
  }
  for (const [name, v] of Object.entries(request.context ?? {})) if (name.toLowerCase() === k) return v
  return undefined
}

function substitute(text, request) {
  return text.replace(/\$\{([^}]+)\}/g, (_, key) => String(contextValue(request, key.trim()) ?? '\u0000'))
}

function ipToInt(ip) {
  return ip.split('.').reduce((n, o) => n * 256 + Number(o), 0)
}

function testOne(op, reqValue, polValue, request) {
  const v = String(reqValue)
  const p = substitute(String(polValue), request)
  switch (op) {
    case 'StringEquals':
      return v === p
    case 'StringLike':
      return globToRegExp(p).test(v)
    case 'Bool':
      return v.toLowerCase() === p.toLowerCase()
    case 'NumericLessThan':
      return Number(v) < Number(p)
    case 'DateLessThan':
      return Date.parse(v) < Date.parse(p)
    case 'DateGreaterThan':
      return Date.parse(v) > Date.parse(p)
    case 'IpAddress': {
      const [net, bits] = p.split('/')
      const mask = bits === undefined ? 0xffffffff : bits === '0' ? 0 : (0xffffffff << (32 - Number(bits))) >>> 0
      return ((ipToInt(v) & mask) >>> 0) === ((ipToInt(net) & mask) >>> 0)
    }
    default:
      return false
  }
}

function conditionsHold(condition, request) {
  for (const [rawOp, entries] of Object.entries(condition ?? {})) {
    const ifExists = rawOp.endsWith('IfExists')
    const op = ifExists ? rawOp.slice(0, -8) : rawOp
    for (const [key, values] of Object.entries(entries)) {
      const reqValue = contextValue(request, key)
      if (op === 'Null') {
        if (toList(values).some((x) => String(x) === 'true') !== (reqValue === undefined)) return false
        continue
      }
      if (reqValue === undefined) {
        if (ifExists) continue
        return false
      }
      if (!toList(values).some((pv) => testOne(op, reqValue, pv, request))) return false
    }
  }
  return true
}

function statementMatches(st, request) {
  const action = request.action
  const actionHit = toList(st.Action ?? st.NotAction).some((a) => globToRegExp(a, 'i').test(action))
  if (actionHit === (st.NotAction !== undefined)) return false
  const resHit = toList(st.Resource ?? st.NotResource).some((r) => globToRegExp(substitute(r, request)).test(request.resource))
  if (resHit === (st.NotResource !== undefined)) return false
  return conditionsHold(st.Condition, request)
}

function scan(docs, request) {
  let allow = false
  let deny = false
  for (const doc of docs) {
    for (const st of toList(doc.Statement)) {
      if (!statementMatches(st, request)) continue
      if (st.Effect === 'Deny') deny = true
      else allow = true
    }
  }
  return { allow, deny }
}

/** Identity ∩ boundary with explicit deny, interpreted from raw documents. */
export function naiveEvaluate(identityDocs, boundaryDoc, request) {
  const id = scan(identityDocs, request)
  const b = boundaryDoc ? scan([boundaryDoc], request) : { allow: true, deny: false }
  if (id.deny || b.deny) return 'ExplicitDeny'
  return id.allow && b.allow ? 'Allowed' : 'ImplicitDeny'
}
