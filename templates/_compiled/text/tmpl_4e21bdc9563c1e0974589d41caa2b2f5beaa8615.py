# Made by `python -m migrator.emit.compile_templates`; do not edit.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'index.ts.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_worker = resolve('worker')
    l_0_workflow_classes = resolve('workflow_classes')
    l_0_hyperdrive = resolve('hyperdrive')
    l_0_container = resolve('container')
    l_0_vars = resolve('vars')
    l_0_secrets = resolve('secrets')
    l_0_kv = resolve('kv')
    l_0_d1 = resolve('d1')
    l_0_r2 = resolve('r2')
    l_0_producers = resolve('producers')
    l_0_services = resolve('services')
    l_0_durable_objects = resolve('durable_objects')
    l_0_workflows = resolve('workflows')
    l_0_ratelimits = resolve('ratelimits')
    l_0_assets = resolve('assets')
    l_0_config = resolve('config')
    l_0_crons = resolve('crons')
    l_0_check_path = resolve('check_path')
    l_0_consumers = resolve('consumers')
    l_0_sqlite_classes = resolve('sqlite_classes')
    try:
        t_1 = environment.filters['comment']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'comment' found.")
    try:
        t_2 = environment.filters['ident']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'ident' found.")
    try:
        t_3 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_4 = environment.filters['js']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'js' found.")
    try:
        t_5 = environment.filters['jsdata']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'jsdata' found.")
    pass
    yield '// Worker scaffold for '
    yield str(t_1(environment.getattr((undefined(name='worker') if l_0_worker is missing else l_0_worker), 'name')))
    yield ', planned by migrator from '
    yield str(t_1(t_3(context.eval_ctx, environment.getattr((undefined(name='worker') if l_0_worker is missing else l_0_worker), 'services'), ', ')))
    yield '.\n// Types for Env come from `npx wrangler types` (worker-configuration.d.ts); the names below match wrangler.jsonc.\n// What the Compose project said (hostnames, routes, cron jobs, bindings) is data: see CONFIG.\nimport { DurableObject'
    if (undefined(name='workflow_classes') if l_0_workflow_classes is missing else l_0_workflow_classes):
        pass
        yield ', WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep'
    yield ' } from "cloudflare:workers";\n'
    if (undefined(name='hyperdrive') if l_0_hyperdrive is missing else l_0_hyperdrive):
        pass
        yield 'import { connect } from "cloudflare:sockets";\n'
    if (undefined(name='container') if l_0_container is missing else l_0_container):
        pass
        yield 'import { Container, ContainerProxy } from "@cloudflare/containers";\n\n// Outbound HTTP of the container goes through ContainerProxy (see outboundByHost below).\nexport { ContainerProxy };\n'
    yield '\nexport interface Env {\n'
    for (l_1_name, l_1_value) in context.call(environment.getattr((undefined(name='vars') if l_0_vars is missing else l_0_vars), 'items')):
        _loop_vars = {}
        pass
        yield '  '
        yield str(t_4(l_1_name))
        yield ': string;\n'
    l_1_name = l_1_value = missing
    for l_1_name in (undefined(name='secrets') if l_0_secrets is missing else l_0_secrets):
        _loop_vars = {}
        pass
        yield '  '
        yield str(t_4(l_1_name))
        yield ': string; // secret'
        yield str((str_join((' (enables GET ', (undefined(name='check_path') if l_0_check_path is missing else l_0_check_path), ')', )) if (l_1_name == 'MIGRATOR_CHECK_TOKEN') else cond_expr_undefined("the inline if-expression on line 20 in 'index.ts.j2' evaluated to false and no else section was defined.")))
        yield '\n'
    l_1_name = missing
    for l_1_e in (undefined(name='hyperdrive') if l_0_hyperdrive is missing else l_0_hyperdrive):
        _loop_vars = {}
        pass
        yield '  '
        yield str(t_4(environment.getattr(environment.getattr(l_1_e, 'value'), 'binding')))
        yield ': Hyperdrive; // '
        yield str(t_1(environment.getattr(l_1_e, 'comment')))
        yield '\n'
    l_1_e = missing
    for l_1_e in (undefined(name='kv') if l_0_kv is missing else l_0_kv):
        _loop_vars = {}
        pass
        yield '  '
        yield str(t_4(environment.getattr(environment.getattr(l_1_e, 'value'), 'binding')))
        yield ': KVNamespace; // '
        yield str(t_1(environment.getattr(l_1_e, 'comment')))
        yield '\n'
    l_1_e = missing
    for l_1_e in (undefined(name='d1') if l_0_d1 is missing else l_0_d1):
        _loop_vars = {}
        pass
        yield '  '
        yield str(t_4(environment.getattr(environment.getattr(l_1_e, 'value'), 'binding')))
        yield ': D1Database; // '
        yield str(t_1(environment.getattr(l_1_e, 'comment')))
        yield '\n'
    l_1_e = missing
    for l_1_e in (undefined(name='r2') if l_0_r2 is missing else l_0_r2):
        _loop_vars = {}
        pass
        yield '  '
        yield str(t_4(environment.getattr(environment.getattr(l_1_e, 'value'), 'binding')))
        yield ': R2Bucket; // '
        yield str(t_1(environment.getattr(l_1_e, 'comment')))
        yield '\n'
    l_1_e = missing
    for l_1_e in (undefined(name='producers') if l_0_producers is missing else l_0_producers):
        _loop_vars = {}
        pass
        yield '  '
        yield str(t_4(environment.getattr(environment.getattr(l_1_e, 'value'), 'binding')))
        yield ': Queue; // '
        yield str(t_1(environment.getattr(l_1_e, 'comment')))
        yield '\n'
    l_1_e = missing
    for l_1_e in (undefined(name='services') if l_0_services is missing else l_0_services):
        _loop_vars = {}
        pass
        yield '  '
        yield str(t_4(environment.getattr(environment.getattr(l_1_e, 'value'), 'binding')))
        yield ': Fetcher; // '
        yield str(t_1(environment.getattr(l_1_e, 'comment')))
        yield '\n'
    l_1_e = missing
    for l_1_e in (undefined(name='durable_objects') if l_0_durable_objects is missing else l_0_durable_objects):
        _loop_vars = {}
        pass
        yield '  '
        yield str(t_4(environment.getattr(environment.getattr(l_1_e, 'value'), 'name')))
        yield ': DurableObjectNamespace; // '
        yield str(t_1(environment.getattr(l_1_e, 'comment')))
        yield '\n'
    l_1_e = missing
    for l_1_e in (undefined(name='workflows') if l_0_workflows is missing else l_0_workflows):
        _loop_vars = {}
        pass
        yield '  '
        yield str(t_4(environment.getattr(environment.getattr(l_1_e, 'value'), 'binding')))
        yield ': Workflow; // '
        yield str(t_1(environment.getattr(l_1_e, 'comment')))
        yield '\n'
    l_1_e = missing
    for l_1_e in (undefined(name='ratelimits') if l_0_ratelimits is missing else l_0_ratelimits):
        _loop_vars = {}
        pass
        yield '  '
        yield str(t_4(environment.getattr(environment.getattr(l_1_e, 'value'), 'name')))
        yield ': RateLimit; // '
        yield str(t_1(environment.getattr(l_1_e, 'comment')))
        yield '\n'
    l_1_e = missing
    if (undefined(name='assets') if l_0_assets is missing else l_0_assets):
        pass
        yield '  ASSETS: Fetcher; // static files in ./public\n'
    yield '}\n\ntype Matcher =\n  | { op: "true" }\n  | { op: "all" | "any"; of: Matcher[] }\n  | { op: "not"; of: Matcher }\n  | { op: "host" | "hostSuffix" | "hostPrefix" | "hostRegex" | "path" | "pathPrefix" | "pathRegex" | "method" | "clientIp"; value: string }\n  | { op: "header" | "headerRegex" | "query" | "queryRegex"; name: string; value: string }\n  | { op: "queryHas"; name: string };\ntype Job =\n  | { kind: "service"; binding: string; method: string; url: string; note?: string }\n  | { kind: "fetch"; method: string; url: string; note?: string }\n  | { kind: "todo"; command: string; note?: string };\ntype BindingInfo = { binding: string; type: string; service?: string; worker?: string; hosts?: string[]; className?: string; owner?: string };\ntype ContainerEnv = { name: string; value?: string; secret?: boolean; set?: string }; // set: what to `wrangler secret put`\ntype Check = { status: "ok" | "skipped" | "error"; detail: string };\ntype Config = {\n  worker: string;\n  services: string[];\n  hosts: string[]; // the Compose hostnames of this Worker\'s services: requests for them are internal calls\n  routes: { name: string; rule: string; match: Matcher; strip?: string; checkByHand?: string[] }[];\n  ratelimits: string[];\n  bindings: BindingInfo[];\n  crons: { schedule: string; original: string; where: string; job: Job }[];\n  queues: string[];\n  container: { binding: string; className: string; port: number; env: ContainerEnv[] } | null;\n  notes: string[];\n};\n\n'
    if environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'notes'):
        pass
        yield '// CONFIG.notes: what the proxy did that routes cannot express; do it in handle() or in the router.\n'
    if (undefined(name='crons') if l_0_crons is missing else l_0_crons):
        pass
        yield "// Cron Triggers (schedules in Cloudflare's dialect, weekday 1 = Sunday; the Compose schedule in brackets):\n"
        for l_1_c in environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'crons'):
            _loop_vars = {}
            pass
            yield '//   '
            yield str(t_1(environment.getattr(l_1_c, 'schedule')))
            yield ' ['
            yield str(t_1(environment.getattr(l_1_c, 'original')))
            yield ']: '
            yield str(environment.getattr(environment.getattr(l_1_c, 'job'), 'kind'))
            yield '\n'
        l_1_c = missing
    yield 'const CONFIG: Config = '
    yield str(t_5((undefined(name='config') if l_0_config is missing else l_0_config)))
    yield ';\n\nconst CHECK_PATH = '
    yield str(t_4((undefined(name='check_path') if l_0_check_path is missing else l_0_check_path)))
    yield ';\nconst encoder = new TextEncoder();\nconst regexCache = new Map<string, RegExp | null>();\n\nfunction regex(pattern: string): RegExp | null {\n  if (!regexCache.has(pattern)) {\n    let compiled: RegExp | null = null;\n    try {\n      compiled = new RegExp(pattern);\n    } catch {\n      console.warn("[migrator] a route pattern is not a JavaScript regex; it never matches");\n    }\n    regexCache.set(pattern, compiled);\n  }\n  return regexCache.get(pattern) ?? null;\n}\n\nfunction clientIpIn(request: Request, cidr: string): boolean {\n  const ip = request.headers.get("CF-Connecting-IP") ?? "";\n  const [base, bits = "32"] = cidr.split("/");\n  const toNumber = (address: string): number => address.split(".").reduce((acc, part) => acc * 256 + Number(part), 0);\n  if (!ip.includes(".") || !base.includes(".")) return ip === base;\n  const mask = Number(bits) === 0 ? 0 : (0xffffffff << (32 - Number(bits))) >>> 0;\n  return ((toNumber(ip) & mask) >>> 0) === ((toNumber(base) & mask) >>> 0);\n}\n\nfunction matches(m: Matcher, request: Request, url: URL): boolean {\n  switch (m.op) {\n    case "true": return true;\n    case "all": return m.of.every((part) => matches(part, request, url));\n    case "any": return m.of.some((part) => matches(part, request, url));\n    case "not": return !matches(m.of, request, url);\n    case "host": return url.hostname === m.value;\n    case "hostSuffix": return url.hostname.endsWith(m.value);\n    case "hostPrefix": return url.hostname.startsWith(m.value);\n    case "hostRegex": return regex(m.value)?.test(url.hostname) ?? false;\n    case "path": return url.pathname === m.value;\n    case "pathPrefix": return url.pathname.startsWith(m.value);\n    case "pathRegex": return regex(m.value)?.test(url.pathname) ?? false;\n    case "method": return request.method === m.value;\n    case "clientIp": return clientIpIn(request, m.value);\n    case "header": return request.headers.get(m.name) === m.value;\n    case "headerRegex": return regex(m.value)?.test(request.headers.get(m.name) ?? "") ?? false;\n    case "query": return url.searchParams.get(m.name) === m.value;\n    case "queryHas": return url.searchParams.has(m.name);\n    case "queryRegex": return regex(m.value)?.test(url.searchParams.get(m.name) ?? "") ?? false;\n  }\n}\n\nfunction binding<T>(env: Env, name: string): T {\n  return (env as unknown as Record<string, T>)[name];\n}\n\n/** Calls another service as the Compose stack did (`http://api:8080/products`): through its service binding when it is a Worker of the plan, else with fetch. */\nexport async function callService(env: Env, input: string | URL, init?: RequestInit): Promise<Response> {\n  const url = new URL(input);\n  const target = CONFIG.bindings.find((b) => b.type === "service" && (b.hosts ?? []).includes(url.hostname.toLowerCase()));\n  if (target) return binding<Fetcher>(env, target.binding).fetch(new Request(url, init));\n  return fetch(url, init);\n}\n\nasync function sameSecret(given: string, expected: string): Promise<boolean> {\n  const [a, b] = await Promise.all([given, expected].map((text) => crypto.subtle.digest("SHA-256", encoder.encode(text))));\n  return crypto.subtle.timingSafeEqual(a, b);\n}\n\nfunction problem(error: unknown): string {\n  return error instanceof Error ? error.message : String(error);\n}\n\nasync function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {\n  let timer: ReturnType<typeof setTimeout> | null = null;\n  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms); });\n  try {\n    return await Promise.race([promise, timeout]);\n  } finally {\n    if (timer !== null) clearTimeout(timer);\n  }\n}\n\n'
    if (undefined(name='hyperdrive') if l_0_hyperdrive is missing else l_0_hyperdrive):
        pass
        yield '/** A real round trip to the database behind Hyperdrive: the first bytes of its wire protocol. */\nasync function probeDatabase(hyperdrive: Hyperdrive): Promise<Check> {\n  const where = `${hyperdrive.host}:${hyperdrive.port}`;\n  try {\n    const socket = connect({ hostname: hyperdrive.host, port: hyperdrive.port });\n    try {\n      await withTimeout(socket.opened, 3000, where);\n      const reader = socket.readable.getReader();\n      if (!hyperdrive.connectionString.startsWith("mysql")) {\n        const writer = socket.writable.getWriter();\n        await writer.write(new Uint8Array([0, 0, 0, 8, 4, 210, 22, 47])); // Postgres SSLRequest\n        writer.releaseLock();\n      }\n      const { value } = await withTimeout(reader.read(), 3000, where);\n      if (!value || value.length === 0) throw new Error(`${where} closed the connection`);\n      return { status: "ok", detail: `the database answered at ${where}` };\n    } finally {\n      await socket.close().catch(() => undefined);\n    }\n  } catch (error) {\n    return { status: "skipped", detail: `the database is not reachable from here (${problem(error)}); start it, or check the Hyperdrive configuration` };\n  }\n}\n\n'
    yield '/** One real round trip per binding, for GET '
    yield str((undefined(name='check_path') if l_0_check_path is missing else l_0_check_path))
    yield '. */\nasync function checkBinding(b: BindingInfo, env: Env, request: Request, token: string, via: string[]): Promise<Check> {\n  const marker = `__migrator_check__/${crypto.randomUUID()}`;\n  switch (b.type) {\n    case "kv": {\n      const kv = binding<KVNamespace>(env, b.binding);\n      await kv.put(marker, marker, { expirationTtl: 60 });\n      const value = await kv.get(marker);\n      await kv.delete(marker);\n      return value === marker ? { status: "ok", detail: "put, get and delete of a marker key" } : { status: "error", detail: "the marker key did not read back" };\n    }\n    case "r2": {\n      const bucket = binding<R2Bucket>(env, b.binding);\n      await bucket.put(marker, marker);\n      const value = await (await bucket.get(marker))?.text();\n      await bucket.delete(marker);\n      return value === marker ? { status: "ok", detail: "put, get and delete of a marker object" } : { status: "error", detail: "the marker object did not read back" };\n    }\n    case "d1": {\n      const row = await binding<D1Database>(env, b.binding).prepare("select 1 as one").first<{ one: number }>();\n      return row?.one === 1 ? { status: "ok", detail: "select 1" } : { status: "error", detail: "select 1 gave no row" };\n    }\n    case "queue":\n      await binding<Queue>(env, b.binding).send({ migratorCheck: CONFIG.worker, marker });\n      return { status: "ok", detail: "sent a check message (consumers of this plan acknowledge it)" };\n    case "ratelimit": {\n      const { success } = await binding<RateLimit>(env, b.binding).limit({ key: "__migrator_check__" });\n      return { status: "ok", detail: success ? "limit() allowed the check key" : "limit() answered (the check key is over its limit)" };\n    }\n'
    if (undefined(name='hyperdrive') if l_0_hyperdrive is missing else l_0_hyperdrive):
        pass
        yield '    case "hyperdrive":\n      return probeDatabase(binding<Hyperdrive>(env, b.binding));\n'
    yield '    case "durable_object":\n    case "container": {\n      const namespace = binding<DurableObjectNamespace>(env, b.binding);\n      try {\n        const stub = namespace.get(namespace.idFromName("__migrator_check__"));\n        const answer = await withTimeout(stub.fetch(`https://durable-object${CHECK_PATH}`), 15000, b.binding);\n        const body = (await answer.json()) as Check;\n        return answer.ok ? body : { status: "error", detail: `HTTP ${answer.status}: ${body.detail}` };\n      } catch (error) {\n        if (b.type === "container") return { status: "skipped", detail: `the container is not available here (${problem(error)})` };\n        if (b.owner) return { status: "skipped", detail: `${b.owner}, which defines ${b.className}, is not running here (${problem(error)})` };\n        throw error;\n      }\n    }\n    case "service": {\n      if (b.worker && via.includes(b.worker)) return { status: "skipped", detail: `${b.worker} is already being checked on this path` };\n      const url = `http://${(b.hosts ?? ["localhost"])[0]}${CHECK_PATH}`;\n      let answer: Response;\n      try {\n        answer = await withTimeout(\n          binding<Fetcher>(env, b.binding).fetch(url, { headers: { "x-migrator-check": token, "x-migrator-check-via": via.join(",") } }),\n          20000,\n          b.binding,\n        );\n      } catch (error) {\n        return { status: "skipped", detail: `${b.worker} is not running here (${problem(error)})` };\n      }\n      const text = await answer.text();\n      let report: { worker?: string; bindings?: Record<string, Check> } = {};\n      try {\n        report = JSON.parse(text);\n      } catch {\n        return { status: "skipped", detail: `${b.worker} is not running here (HTTP ${answer.status}: ${text.slice(0, 200)})` };\n      }\n      const failed = Object.entries(report.bindings ?? {}).filter(([, check]) => check.status === "error").map(([name]) => name);\n      if (failed.length) return { status: "error", detail: `${report.worker} reports errors for ${failed.join(", ")}` };\n      return { status: "ok", detail: `${report.worker} answered its own check through ${url}` };\n    }\n    case "assets": {\n      const answer = await binding<Fetcher>(env, b.binding).fetch(new URL("/", request.url));\n      return answer.status < 500 ? { status: "ok", detail: `GET / answered ${answer.status}` } : { status: "error", detail: `GET / answered ${answer.status}` };\n    }\n    case "workflow":\n      return { status: "skipped", detail: "creating an instance would run the job" };\n    default:\n      return { status: "skipped", detail: `no round trip is defined for ${b.type} bindings` };\n  }\n}\n\n/** GET '
    yield str((undefined(name='check_path') if l_0_check_path is missing else l_0_check_path))
    yield ' with the header x-migrator-check equal to MIGRATOR_CHECK_TOKEN; 404 as for any unknown path otherwise. */\nasync function smokeCheck(request: Request, env: Env): Promise<Response> {\n  const token = env.MIGRATOR_CHECK_TOKEN;\n  const given = request.headers.get("x-migrator-check");\n  if (request.method !== "GET" || !token || given === null || !(await sameSecret(given, token))) {\n    return new Response("Not Found", { status: 404 });\n  }\n  const via = (request.headers.get("x-migrator-check-via") ?? "").split(",").filter(Boolean).concat(CONFIG.worker);\n  const bindings: Record<string, Check> = {};\n  for (const b of CONFIG.bindings) {\n    try {\n      bindings[b.binding] = await checkBinding(b, env, request, token, via);\n    } catch (error) {\n      bindings[b.binding] = { status: "error", detail: problem(error) };\n    }\n  }\n  return Response.json({ worker: CONFIG.worker, bindings });\n}\n\n/** The service\'s own handlers: requests reach them with the path the service saw in Compose. */\nasync function handle(request: Request, env: Env, ctx: ExecutionContext, url: URL): Promise<Response> {\n'
    if (undefined(name='container') if l_0_container is missing else l_0_container):
        pass
        yield '  // Forward to the Container that runs the service\'s image unchanged.\n  const namespace = binding<DurableObjectNamespace>(env, CONFIG.container?.binding ?? "");\n  try {\n    return await namespace.get(namespace.idFromName("default")).fetch(request);\n  } catch (error) {\n    return new Response(`Service Unavailable: the container is not available here (${problem(error)})`, { status: 503 });\n  }\n'
    elif (undefined(name='assets') if l_0_assets is missing else l_0_assets):
        pass
        yield '  return env.ASSETS.fetch(request);\n'
    else:
        pass
        yield '  if (url.pathname === "/healthz") return new Response("ok");\n  // TODO: port the handlers of the service here (callService() reaches the other services by their Compose URLs).\n  return new Response("Not implemented yet: " + url.pathname, { status: 501 });\n'
    yield '}\n\n'
    if (undefined(name='crons') if l_0_crons is missing else l_0_crons):
        pass
        yield 'async function runJob(job: Job, env: Env): Promise<void> {\n  if (job.kind === "todo") {\n    console.warn(`[migrator] ${CONFIG.worker}: TODO port the cron job by hand: ${JSON.stringify(job.command)}${job.note ? " (" + job.note + ")" : ""}`);\n    return;\n  }\n  const answer = job.kind === "service"\n    ? await binding<Fetcher>(env, job.binding).fetch(job.url, { method: job.method })\n    : await fetch(job.url, { method: job.method });\n  console.log(`[migrator] ${CONFIG.worker}: cron ${job.method} ${job.url} -> ${answer.status}`);\n  // 501 is the scaffold\'s own answer until the target\'s handlers are ported.\n  if (answer.status >= 500 && answer.status !== 501) throw new Error(`${job.method} ${job.url} answered ${answer.status}`);\n}\n\n'
    yield 'export default {\n  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {\n    let url = new URL(request.url);\n    if (url.pathname === CHECK_PATH || url.pathname.endsWith(CHECK_PATH)) return smokeCheck(request, env);\n    if (CONFIG.hosts.includes(url.hostname.toLowerCase())) {\n      // An internal call under a Compose hostname (a service binding, a cron, a container\'s outbound\n      // handler): no public route, host check or rate limit applies, as on the Compose network.\n      console.log(`[migrator] ${CONFIG.worker}: internal ${request.method} ${url.pathname}`);\n      return handle(request, env, ctx, url);\n    }\n    for (const name of CONFIG.ratelimits) {\n      const { success } = await binding<RateLimit>(env, name).limit({ key: request.headers.get("CF-Connecting-IP") ?? "anonymous" });\n      if (!success) return new Response("Too Many Requests", { status: 429 });\n    }\n    if (CONFIG.routes.length) {\n      const route = CONFIG.routes.find((candidate) => matches(candidate.match, request, url));\n      if (!route) return new Response("Not Found", { status: 404 });\n      if (route.strip && url.pathname.startsWith(route.strip)) {\n        const search = url.search;\n        url = new URL(url.pathname.slice(route.strip.length) || "/", url);\n        url.search = search;\n        request = new Request(url, request);\n      }\n    }\n    return handle(request, env, ctx, url);\n  },\n'
    if (undefined(name='crons') if l_0_crons is missing else l_0_crons):
        pass
        yield '\n  async scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> {\n    const jobs = CONFIG.crons.filter((cron) => cron.schedule === controller.cron);\n    if (!jobs.length) console.warn(`[migrator] ${CONFIG.worker}: no job for the schedule ${controller.cron}`);\n    for (const cron of jobs) await runJob(cron.job, env);\n  },\n'
    if (undefined(name='consumers') if l_0_consumers is missing else l_0_consumers):
        pass
        yield '\n  async queue(batch: MessageBatch<unknown>, env: Env, ctx: ExecutionContext): Promise<void> {\n    for (const message of batch.messages) {\n      const body = message.body as { migratorCheck?: string } | null;\n      if (body && typeof body === "object" && typeof body.migratorCheck === "string") {\n        console.log(`[migrator] ${CONFIG.worker}: queue ${batch.queue} received the check message of ${body.migratorCheck}`);\n        message.ack();\n        continue;\n      }\n      // TODO: the job the consumer ran for each message.\n      console.log(`[migrator] ${CONFIG.worker}: queue ${batch.queue} received message ${message.id}`);\n      message.ack();\n    }\n  },\n'
    yield '} satisfies ExportedHandler<Env>;\n'
    for l_1_name in (undefined(name='sqlite_classes') if l_0_sqlite_classes is missing else l_0_sqlite_classes):
        _loop_vars = {}
        pass
        yield '\n'
        if ((undefined(name='container') if l_0_container is missing else l_0_container) and (l_1_name == environment.getattr(environment.getattr((undefined(name='container') if l_0_container is missing else l_0_container), 'value'), 'class_name'))):
            pass
            yield 'function containerEnv(env: Env): Record<string, string> {\n  const out: Record<string, string> = {};\n  for (const item of CONFIG.container?.env ?? []) {\n    const value = item.secret ? binding<unknown>(env, item.name) : item.value;\n    if (typeof value === "string") out[item.name] = value;\n  }\n  return out;\n}\n\n/** Outbound HTTP of the container to a Compose hostname (`http://api:8080`) reaches that service\'s Worker. */\nfunction outboundHandlers(): Record<string, (request: Request, env: Env) => Promise<Response>> {\n  const handlers: Record<string, (request: Request, env: Env) => Promise<Response>> = {};\n  for (const b of CONFIG.bindings) {\n    if (b.type !== "service") continue;\n    for (const host of b.hosts ?? []) handlers[host] = (request, env) => binding<Fetcher>(env, b.binding).fetch(request);\n  }\n  return handlers;\n}\n\n/** Stands in for the Container class where no container can run (`wrangler dev` with containers off). */\nclass NoContainer extends DurableObject<Env> {\n  async fetch(request: Request): Promise<Response> {\n    const detail = "the container is not available here (wrangler dev without Docker, or containers disabled)";\n    if (new URL(request.url).pathname === CHECK_PATH) return Response.json({ status: "skipped", detail });\n    return new Response(`Service Unavailable: ${detail}`, { status: 503 });\n  }\n}\n\n// Runs the service\'s image unchanged as a Cloudflare Container (see "containers" in wrangler.jsonc).\n// Its environment is the Compose one: plain values as written; secrets, and the variables that\n// pointed at a service which is now a binding (CONFIG.container.env[].set says what to set), come\n// from the Worker\'s env: `npx wrangler secret put NAME`.\nexport class '
            yield str(t_2(l_1_name))
            yield ' extends Container<Env> {\n  static {\n    this.outboundByHost = outboundHandlers(); // the setter registers the handlers for this class\n  }\n\n  constructor(ctx: DurableObject["ctx"], env: Env) {\n    // Container\'s own constructor throws where no container can run: a stand-in answers instead.\n    if (ctx.container === undefined) return new NoContainer(ctx, env) as unknown as '
            yield str(t_2(l_1_name))
            yield ';\n    super(ctx, env);\n    this.defaultPort = CONFIG.container?.port ?? 8080;\n    this.sleepAfter = "10m";\n    this.enableInternet = true;\n    this.envVars = containerEnv(env);\n  }\n\n  async fetch(request: Request): Promise<Response> {\n    const url = new URL(request.url);\n    if (url.pathname === CHECK_PATH) {\n      try {\n        await this.startAndWaitForPorts(this.defaultPort);\n        return Response.json({ status: "ok", detail: `the container listens on port ${this.defaultPort}` });\n      } catch (error) {\n        return Response.json({ status: "skipped", detail: `the container did not start: ${problem(error)}` });\n      }\n    }\n    try {\n      return await this.containerFetch(request);\n    } catch (error) {\n      return new Response(`Service Unavailable: the container did not answer (${problem(error)})`, { status: 503 });\n    }\n  }\n}\n'
        elif context.call(environment.getattr(l_1_name, 'endswith'), 'Room', _loop_vars=_loop_vars):
            pass
            yield '// Shared real-time state: one object per room, WebSockets with hibernation.\nexport class '
            yield str(t_2(l_1_name))
            yield ' extends DurableObject<Env> {\n  async fetch(request: Request): Promise<Response> {\n    if (new URL(request.url).pathname === CHECK_PATH) return Response.json({ status: "ok", detail: "the object answered" });\n    if (request.headers.get("Upgrade") !== "websocket") return new Response("Expected a WebSocket", { status: 426 });\n    const pair = new WebSocketPair();\n    this.ctx.acceptWebSocket(pair[1]);\n    return new Response(null, { status: 101, webSocket: pair[0] });\n  }\n\n  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {\n    for (const peer of this.ctx.getWebSockets()) if (peer !== ws) peer.send(message);\n  }\n}\n'
        else:
            pass
            yield '// Consistent state that Redis kept (sessions, counters, locks), in SQLite storage.\nexport class '
            yield str(t_2(l_1_name))
            yield ' extends DurableObject<Env> {\n  async fetch(request: Request): Promise<Response> {\n    if (new URL(request.url).pathname !== CHECK_PATH) return new Response("Not Found", { status: 404 });\n    const marker = crypto.randomUUID();\n    await this.ctx.storage.put("__migrator_check__", marker);\n    const value = await this.ctx.storage.get("__migrator_check__");\n    await this.ctx.storage.delete("__migrator_check__");\n    return Response.json(value === marker ? { status: "ok", detail: "storage put, get and delete" } : { status: "error", detail: "storage did not read back" });\n  }\n\n  async get(key: string): Promise<unknown> {\n    return this.ctx.storage.get(key);\n  }\n\n  async put(key: string, value: unknown): Promise<void> {\n    await this.ctx.storage.put(key, value);\n  }\n}\n'
    l_1_name = missing
    for l_1_name in (undefined(name='workflow_classes') if l_0_workflow_classes is missing else l_0_workflow_classes):
        _loop_vars = {}
        pass
        yield '\nexport class '
        yield str(t_2(l_1_name))
        yield ' extends WorkflowEntrypoint<Env> {\n  async run(event: WorkflowEvent<unknown>, step: WorkflowStep): Promise<void> {\n    await step.do("run the job", async () => {\n      // TODO: the one-shot job of the service.\n    });\n  }\n}\n'
    l_1_name = missing

blocks = {}
debug_info = '1=62&4=66&5=70&8=73&16=77&17=81&19=84&20=88&22=93&23=97&25=102&26=106&28=111&29=115&31=120&32=124&34=129&35=133&37=138&38=142&40=147&41=151&43=156&44=160&46=165&47=169&49=174&81=178&84=181&86=184&87=188&90=196&92=198&172=200&198=204&227=206&280=210&301=212&309=215&318=222&359=226&367=229&384=233&386=237&419=240&426=242&451=244&453=247&468=252&488=255&490=259'