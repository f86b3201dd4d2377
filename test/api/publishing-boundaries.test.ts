/**
 * A provider's description may only describe what the provider owns, and is bounded in size and
 * nesting before anything expensive runs.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { acme, acmeToken, descriptionPath, fixture, globex, globexToken, openTestApp } from './helpers.js'
import type { TestApp } from './helpers.js'

const turtle = { 'content-type': 'text/turtle' }
const asAcme = { ...turtle, authorization: `Bearer ${acmeToken}` }
const asGlobex = { ...turtle, authorization: `Bearer ${globexToken}` }
const crm = 'https://example.org/globex#CallCRM'
const sym = 'https://w3id.org/symphony/ontology#'

describe('publishing: what a provider may describe', () => {
  let t: TestApp
  let pbxTurtle: string
  const dryRun = async (text: string, headers = asAcme, provider = acme): Promise<{ status: number, body: Record<string, unknown> }> => {
    const response = await t.app.inject({ method: 'POST', url: `${descriptionPath(provider, 'pbx')}/dry-run`, headers, payload: text })
    return { status: response.statusCode, body: response.json() }
  }

  beforeAll(async () => {
    t = await openTestApp()
    pbxTurtle = await fixture('acme-pbx.ttl')
    const published = await t.app.inject({ method: 'PUT', url: descriptionPath(globex, 'crm'), headers: asGlobex, payload: await fixture('globex-crm.ttl') })
    expect(published.statusCode).toBe(201)
  })
  afterAll(async () => { await t.close() })

  it('accepts its own description', async () => {
    expect((await dryRun(pbxTurtle)).status).toBe(200)
  })

  it("refuses an interface attached to another provider's service through sym:providedBy", async () => {
    const { status, body } = await dryRun(`${pbxTurtle}\nex:Injected a sym:EInvoiceExchange ; sym:providedBy <${crm}> .\n`)
    expect(status).toBe(403)
    expect(body).toMatchObject({ code: 'FORBIDDEN', node: crm })
    expect(String(body.detail).startsWith(`the description changes <${crm}>, which is not a service of <${acme}>`)).toBe(true)
  })

  it('refuses a class of its own that makes shared classes equivalent', async () => {
    const { status, body } = await dryRun(`${pbxTurtle}\n@prefix owl: <http://www.w3.org/2002/07/owl#> .\nex:Poison owl:equivalentClass sym:CRM , sym:VirtualPBX .\n`)
    expect(status).toBe(403)
    expect(body.code).toBe('FORBIDDEN')
    const pair = [(body as { subClass: string }).subClass, (body as { superClass: string }).superClass].sort()
    expect(pair).toEqual([`${sym}CRM`, `${sym}VirtualPBX`])
  })

  it('refuses inference rules: they apply to the whole catalog, so they are the operator\'s', async () => {
    const rule = 'ex:everythingRelates a sym:InferenceRule ; sym:sparql "CONSTRUCT { ?a ?p ?c } WHERE { ?a ?p ?b . ?b ?q ?c }" .'
    const { status, body } = await dryRun(`${pbxTurtle}\n${rule}\n`)
    expect(status).toBe(403)
    expect(body).toMatchObject({ code: 'FORBIDDEN', node: 'https://example.org/acme#everythingRelates' })
    const untyped = await dryRun(`${pbxTurtle}\nex:hidden sym:sparql "CONSTRUCT { ?a ?p ?c } WHERE { ?a ?p ?c }" .\n`)
    expect(untyped.status).toBe(403)
  })

  it('refuses reference requests: what publications are checked against is the operator\'s', async () => {
    const { status, body } = await dryRun(`${pbxTurtle}\nex:myRequest a sym:ReferenceRequest ; sym:compositionRequest "{}" .\n`)
    expect(status).toBe(403)
    expect(body).toMatchObject({ code: 'FORBIDDEN', node: 'https://example.org/acme#myRequest' })
    expect(String(body.detail)).toContain('a reference request')
  })

  it("refuses IRIs in another provider's namespace", async () => {
    const { status, body } = await dryRun(`${pbxTurtle}\n<https://example.org/globex#Reserved> a sym:Interface .\n`)
    expect(status).toBe(403)
    expect(body).toMatchObject({ code: 'FORBIDDEN', node: 'https://example.org/globex#Reserved', foreign: ['https://example.org/globex#Reserved'] })
  })

  it("refuses an adapter naming a credential another provider's descriptions name: the platform would send that credential to this provider's endpoint", async () => {
    const adapter = (service: string, node: string, secret: string) => `\n${service} sym:provisionedBy ${node} .\n${node} a sym:HttpProvisioning ;
    sym:orderEndpoint "https://api.example.org/${secret}/orders"^^<http://www.w3.org/2001/XMLSchema#anyURI> ;
    sym:authScheme sym:BearerAuth ; sym:secretName "${secret}" .\n`
    const globexCrm = await fixture('globex-crm.ttl')
    const republished = await t.app.inject({ method: 'PUT', url: descriptionPath(globex, 'crm'), headers: asGlobex, payload: globexCrm + adapter('ex:CallCRM', 'ex:Provisioning', 'globex-orders') })
    expect(republished.statusCode).toBe(201)
    const { status, body } = await dryRun(pbxTurtle + adapter('ex:CloudPBX', 'ex:Provisioning', 'globex-orders'), asAcme)
    expect([status, body.code, body.node, body.secretName, body.provider]).toEqual([403, 'FORBIDDEN', 'https://example.org/acme#Provisioning', 'globex-orders', globex])
    expect(body.messages).toEqual({
      en: `the adapter <https://example.org/acme#Provisioning> names the credential "globex-orders", which descriptions of <${globex}> name; the platform sends a credential only to the provider it was issued for — ask the operator for one of your own and name it in sym:secretName`,
      de: `der Adapter <https://example.org/acme#Provisioning> nennt die Zugangsdaten "globex-orders", die Beschreibungen von <${globex}> nennen; die Plattform sendet Zugangsdaten nur an den Anbieter, für den sie ausgestellt wurden — bitten Sie den Betreiber um eigene und nennen Sie sie in sym:secretName`
    })
    // A name of its own is fine, and so is the owner naming its own again.
    expect((await dryRun(pbxTurtle + adapter('ex:CloudPBX', 'ex:Provisioning', 'acme-orders'), asAcme)).status).toBe(200)
    const again = await t.app.inject({ method: 'POST', url: `${descriptionPath(globex, 'crm')}/dry-run`, headers: asGlobex, payload: globexCrm + adapter('ex:CallCRM', 'ex:Orders', 'globex-orders') })
    expect(again.statusCode).toBe(200)
  })

  it('refuses an adapter naming a credential the operator bound to another provider in secrets.json; the provider it is bound to may name it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'symphony-bound-'))
    await writeFile(join(dataDir, 'secrets.json'), JSON.stringify({ 'globex-orders': { provider: globex, value: 'g-1' }, shared: 's-1' }))
    const bound = await openTestApp({ dataDir })
    try {
      const adapter = (service: string, secret: string) => `\n${service} sym:provisionedBy ex:Orders .\nex:Orders a sym:HttpProvisioning ;
    sym:orderEndpoint "https://api.example.org/orders"^^<http://www.w3.org/2001/XMLSchema#anyURI> ;
    sym:authScheme sym:BearerAuth ; sym:secretName "${secret}" .\n`
      const dry = async (text: string, headers: Record<string, string>, provider: string, name: string) => {
        const response = await bound.app.inject({ method: 'POST', url: `${descriptionPath(provider, name)}/dry-run`, headers, payload: text })
        return { status: response.statusCode, body: response.json() as Record<string, unknown> }
      }
      const { status, body } = await dry(pbxTurtle + adapter('ex:CloudPBX', 'globex-orders'), asAcme, acme, 'pbx')
      expect([status, body.code, body.node, body.path, body.secretName, body.provider]).toEqual([403, 'FORBIDDEN', 'https://example.org/acme#Orders', `${sym}secretName`, 'globex-orders', globex])
      expect(body.messages).toEqual({
        en: `the adapter <https://example.org/acme#Orders> names the credential "globex-orders", which the operator issued for <${globex}>; the platform sends a credential only to the provider it was issued for — ask the operator for one of your own and name it in sym:secretName`,
        de: `der Adapter <https://example.org/acme#Orders> nennt die Zugangsdaten "globex-orders", die der Betreiber für <${globex}> ausgestellt hat; die Plattform sendet Zugangsdaten nur an den Anbieter, für den sie ausgestellt wurden — bitten Sie den Betreiber um eigene und nennen Sie sie in sym:secretName`
      })
      // A plain credential binds no one; the bound one is Globex's to name.
      expect((await dry(pbxTurtle + adapter('ex:CloudPBX', 'shared'), asAcme, acme, 'pbx')).status).toBe(200)
      expect((await dry(await fixture('globex-crm.ttl') + adapter('ex:CallCRM', 'globex-orders'), asGlobex, globex, 'crm')).status).toBe(200)
    } finally {
      await bound.close()
      await rm(dataDir, { recursive: true, force: true })
    }
  })

  it('refuses endpoints on this machine or a private network, naming the node and the field; a public host name is fine', async () => {
    const adapter = (field: string, url: string) => `\nex:CloudPBX sym:provisionedBy ex:Provisioning .\nex:Provisioning a sym:HttpProvisioning ;
    sym:orderEndpoint "${field === 'orderEndpoint' ? url : 'https://api.example.org/orders'}"^^<http://www.w3.org/2001/XMLSchema#anyURI> ;
    ${field === 'orderEndpoint' ? '' : `sym:${field} "${url}"^^<http://www.w3.org/2001/XMLSchema#anyURI> ;`}
    sym:authScheme sym:NoAuth .\n`
    const { status, body } = await dryRun(pbxTurtle + adapter('orderEndpoint', 'http://169.254.169.254/latest/meta-data'))
    expect([status, body.code, body.node, body.path, body.host, body.kind]).toEqual([403, 'FORBIDDEN', 'https://example.org/acme#Provisioning', `${sym}orderEndpoint`, '169.254.169.254', 'link-local'])
    expect(body.messages).toEqual({
      en: `<https://example.org/acme#Provisioning> <${sym}orderEndpoint> names 169.254.169.254, a link-local address: the platform sends provider requests only to public addresses — publish the endpoint under a public host name (on-premise servers allow private providers with serve --allow-private-providers)`,
      de: `<https://example.org/acme#Provisioning> <${sym}orderEndpoint> nennt 169.254.169.254, eine Link-Local-Adresse: die Plattform sendet Anfragen an Anbieter nur an öffentliche Adressen — veröffentlichen Sie den Endpunkt unter einem öffentlichen Hostnamen (Server vor Ort erlauben private Anbieter mit serve --allow-private-providers)`
    })
    // An IPv6 address carrying an IPv4 address is named with the address it carries and how.
    const mapped = await dryRun(pbxTurtle + adapter('statusEndpoint', 'http://[::ffff:10.0.0.1]/status'))
    expect([mapped.status, mapped.body.host, mapped.body.kind, mapped.body.carries]).toEqual([403, '[::ffff:a00:1]', 'private', '10.0.0.1'])
    expect(mapped.body.messages).toEqual({
      en: `<https://example.org/acme#Provisioning> <${sym}statusEndpoint> names [::ffff:a00:1] (IPv4-mapped 10.0.0.1), a private address: the platform sends provider requests only to public addresses — publish the endpoint under a public host name (on-premise servers allow private providers with serve --allow-private-providers)`,
      de: `<https://example.org/acme#Provisioning> <${sym}statusEndpoint> nennt [::ffff:a00:1] (IPv4-gemappt 10.0.0.1), eine private Adresse: die Plattform sendet Anfragen an Anbieter nur an öffentliche Adressen — veröffentlichen Sie den Endpunkt unter einem öffentlichen Hostnamen (Server vor Ort erlauben private Anbieter mit serve --allow-private-providers)`
    })
    const refused = async (field: string, url: string) => {
      const answer = await dryRun(pbxTurtle + adapter(field, url))
      return [answer.status, answer.body.path, answer.body.kind]
    }
    expect(await Promise.all([
      refused('orderEndpoint', 'http://127.0.0.1:5432/'),
      refused('orderEndpoint', 'http://localhost./orders'),
      refused('orderEndpoint', 'http://[::ffff:127.0.0.1]/orders'),
      refused('orderEndpoint', 'http://2130706433/orders'),
      refused('statusEndpoint', 'http://10.0.0.5/admin'),
      refused('ticketEndpoint', 'https://[fd00::1]/tickets'),
      refused('ticketEndpoint', 'http://100.64.0.1/tickets')
    ])).toEqual([
      [403, `${sym}orderEndpoint`, 'loopback'],
      [403, `${sym}orderEndpoint`, 'loopback'],
      [403, `${sym}orderEndpoint`, 'loopback'],
      [403, `${sym}orderEndpoint`, 'loopback'],
      [403, `${sym}statusEndpoint`, 'private'],
      [403, `${sym}ticketEndpoint`, 'private'],
      [403, `${sym}ticketEndpoint`, 'carrier-grade NAT']
    ])
    // Names are not resolved when publishing (every request checks them): a public-looking name passes here.
    expect((await dryRun(pbxTurtle + adapter('ticketEndpoint', 'https://tickets.example.org/acme'))).status).toBe(200)
  })

  it('accepts endpoints on private addresses on a server that allows private providers', async () => {
    const open = await openTestApp({ allowPrivateProviders: true })
    try {
      const text = `${pbxTurtle}\nex:CloudPBX sym:provisionedBy ex:Provisioning .\nex:Provisioning a sym:HttpProvisioning ; sym:orderEndpoint "http://10.0.0.5/orders"^^<http://www.w3.org/2001/XMLSchema#anyURI> ; sym:authScheme sym:NoAuth .\n`
      const response = await open.app.inject({ method: 'POST', url: `${descriptionPath(acme, 'pbx')}/dry-run`, headers: asAcme, payload: text })
      expect(response.statusCode, response.body).toBe(200)
    } finally {
      await open.close()
    }
  })

  it('refuses deeply nested lists before parsing', async () => {
    const { status, body } = await dryRun(`${pbxTurtle}\nex:CloudPBX ex:nested ${'('.repeat(20_000)} 1 ${')'.repeat(20_000)} .\n`)
    expect(status).toBe(400)
    expect(body.code).toBe('INVALID_REQUEST')
    expect(String(body.detail).startsWith('the description nests brackets 20000 deep')).toBe(true)
  })

  it('refuses blank-node chains nested too deep, and overlong lists', async () => {
    const chain = Array.from({ length: 500 }, (_, i) => `_:b${i} <https://example.org/acme#next> _:b${i + 1} .`).join('\n')
    const deep = await t.app.inject({ method: 'POST', url: `${descriptionPath(acme, 'pbx')}/dry-run`, headers: { ...asAcme, 'content-type': 'application/n-triples' }, payload: `<https://example.org/acme#CloudPBX> <https://example.org/acme#p> _:b0 .\n${chain}\n` })
    expect(deep.statusCode).toBe(400)
    expect(deep.json().detail).toBe('blank nodes of the description nest 501 deep, more than the 32 a description may; name deeply nested nodes with IRIs')
    const long = await dryRun(`${pbxTurtle}\nex:CloudPBX ex:many ( ${Array.from({ length: 5000 }, (_, i) => i).join(' ')} ) .\n`)
    expect(long.status).toBe(413)
    expect(long.body.code).toBe('PAYLOAD_TOO_LARGE')
  })
})
