import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { runIamflow } from './run-cli-helpers.js'

/**
 * Issue 17, item 7: the HTML report opened in a real headless browser (Debian's `chromium`,
 * driven by playwright-core). Where no browser is installed the test is skipped with a notice
 * (CHROMIUM_PATH names one elsewhere).
 */
const BROWSERS = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter((p): p is string => !!p)
const browserPath = BROWSERS.find((p) => existsSync(p))
if (!browserPath) console.warn(`SKIPPED: the HTML report in a headless browser (no chromium at ${BROWSERS.join(', ')}; apt-get install chromium, or set CHROMIUM_PATH)`)

const dir = mkdtempSync(join(tmpdir(), 'iamflow-html-browser-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const LAB = [
  'name: html-in-a-browser',
  'steps:',
  '  - id: create-user',
  '    action: iam.createUser',
  '    input: { UserName: browser-user }',
  '  - id: key',
  '    action: iam.createAccessKey',
  '    input: { UserName: browser-user }',
  '    identity: user',
  '  - id: user-lists-users',
  "    name: 'The user may list users (it may not, so this step fails)'",
  '    as: user',
  '    action: iam.listUsers',
  '  - id: still-there',
  '    action: iam.getUser',
  '    input: { UserName: browser-user }',
  '',
].join('\n')

describe.skipIf(!browserPath)('the HTML report in a headless browser', () => {
  it('opens without errors, shows the failed step expanded and the passed ones closed, filters, and holds no secret', { timeout: 120_000 }, async () => {
    writeFileSync(join(dir, 'lab.yaml'), LAB)
    writeFileSync(join(dir, 'a-passing.yaml'), 'name: passes\nsteps:\n  - id: who\n    action: sts.getCallerIdentity\n')
    const run = await runIamflow(['run', 'a-passing.yaml', 'lab.yaml', '--state', 'state.json', '--keep', '--reporter', 'html', '--output', 'report.html'], { cwd: dir })
    expect(run.code, run.stderr).toBe(1)
    const html = readFileSync(join(dir, 'report.html'), 'utf8')
    const secrets = [...readFileSync(join(dir, 'state.json'), 'utf8').matchAll(/"(?:secret|token)":"([^"]+)"/g)].map((m) => m[1])
    expect(secrets.length).toBeGreaterThanOrEqual(2)

    const { chromium } = await import('playwright-core')
    const browser = await chromium.launch({ executablePath: browserPath, args: ['--no-sandbox', '--disable-gpu'] })
    try {
      const page = await browser.newPage()
      const problems: string[] = []
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`)
      })
      const requests: string[] = []
      page.on('request', (r) => requests.push(r.url()))
      await page.goto(pathToFileURL(join(dir, 'report.html')).href)
      await page.waitForLoadState('load')
      // One self-contained page: nothing fetched but the file itself, and no error on the way.
      expect(problems).toEqual([])
      expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([])

      const failed = page.locator('details.step[data-status="failed"]')
      expect(await failed.count()).toBe(1)
      expect(await failed.first().evaluate((d) => (d as unknown as { open: boolean }).open)).toBe(true)
      expect(await failed.first().innerText()).toContain('The user may list users')
      expect(await failed.first().innerText()).toContain('observed\terror AccessDenied (HTTP 403)')
      const passed = page.locator('details.step[data-status="passed"]')
      expect(await passed.count()).toBeGreaterThanOrEqual(2)
      for (const open of await passed.evaluateAll((ds) => ds.map((d) => (d as unknown as { open: boolean }).open))) expect(open).toBe(false)
      // Failures first: the failed run comes before the passing one named first on the command line.
      expect(await page.locator('details.run').evaluateAll((ds) => ds.map((d) => d.getAttribute('data-status')))).toEqual(['failed', 'passed'])

      // The filter buttons work: "passed" hides the failed step, "all" shows it again.
      await page.locator('button[data-filter="passed"]').click()
      expect(await failed.first().isVisible()).toBe(false)
      await page.locator('button[data-filter="all"]').click()
      expect(await failed.first().isVisible()).toBe(true)

      // What the reader sees holds no secret of the run.
      const text = await page.locator('body').innerText()
      for (const s of secrets) {
        expect(html).not.toContain(s)
        expect(text).not.toContain(s)
      }
      expect(problems).toEqual([])
    } finally {
      await browser.close()
    }
  })
})
