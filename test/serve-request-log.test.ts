import { describe, expect, it } from 'vitest'
import { spawnIamflow } from './run-cli-helpers.js'

// serve's request log is written once per event-loop turn (src/cli/line-buffer.ts): every line
// still arrives, while serve runs and before what it prints when it stops.
describe('iamflow serve request log', () => {
  it('logs one line per request, all of them before the shutdown message', async () => {
    const server = spawnIamflow(['serve', '--port', '0'])
    try {
      const [, url] = await server.waitFor(/listening on (http:\/\/\S+)/)
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => fetch(`${url}/?n=${i}`).then((r) => r.status)))
      expect(answers).toEqual(Array(20).fill(403))
      await server.waitFor(/(?:.* GET s3:ListBuckets .*\n){20}/)
      server.child.kill('SIGTERM')
      await server.exit
      const out = server.stdout()
      const lines = out.split('\n').filter((l) => / GET s3:/.test(l))
      expect(lines).toHaveLength(20)
      // Unsigned GET / is S3's ListBuckets, refused to an anonymous caller.
      for (const line of lines) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\S+Z GET s3:ListBuckets anonymous AccessDenied 403 \d+\.\dms$/)
      expect(out.lastIndexOf(' GET s3:')).toBeLessThan(out.indexOf('SIGTERM: shutting down'))
    } finally {
      server.child.kill('SIGKILL')
    }
  })
})
