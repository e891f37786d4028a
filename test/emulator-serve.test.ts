import { describe, expect, it } from 'vitest'
import { formatRequestLog, serveCommand } from '../src/cli/serve.js'

describe('iamflow serve', () => {
  it('logs one line per request with method, service:action, principal, decision, status and ms (no secrets)', () => {
    const line = formatRequestLog({
      method: 'POST',
      service: 'sts',
      action: 'AssumeRole',
      principal: 'arn:aws:iam::123456789012:user/alice',
      accessKeyId: 'AKIAEXAMPLEEXAMPLE12',
      decision: 'Allowed',
      status: 200,
      ms: 1.234,
    })
    expect(line).toMatch(/^\d{4}-\d{2}-\d{2}T\S+Z POST sts:AssumeRole arn:aws:iam::123456789012:user\/alice Allowed 200 1\.2ms$/)
    expect(formatRequestLog({ method: 'GET', service: 's3', status: 403, errorCode: 'InvalidAccessKeyId', ms: 0.5 })).toMatch(/ GET s3:- - InvalidAccessKeyId 403 0\.5ms$/)
  })

  it('is a command with loopback defaults', () => {
    expect(serveCommand.command).toBe('serve')
  })
})
