# Made by `python -m migrator.emit.compile_templates`; do not edit.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'entry.py.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_worker = resolve('worker')
    l_0_hyperdrive = resolve('hyperdrive')
    l_0_kv = resolve('kv')
    l_0_d1 = resolve('d1')
    l_0_r2 = resolve('r2')
    l_0_producers = resolve('producers')
    l_0_services = resolve('services')
    l_0_crons = resolve('crons')
    l_0_config = resolve('config')
    l_0_check_path = resolve('check_path')
    l_0_consumers = resolve('consumers')
    try:
        t_1 = environment.filters['comment']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'comment' found.")
    try:
        t_2 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_3 = environment.filters['py']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'py' found.")
    try:
        t_4 = environment.filters['pydata']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'pydata' found.")
    pass
    yield '# Python Worker scaffold for '
    yield str(t_1(environment.getattr((undefined(name='worker') if l_0_worker is missing else l_0_worker), 'name')))
    yield ', planned by migrator from '
    yield str(t_1(t_2(context.eval_ctx, environment.getattr((undefined(name='worker') if l_0_worker is missing else l_0_worker), 'services'), ', ')))
    yield '.\n# Bindings (see wrangler.jsonc) are attributes of self.env:\n'
    for l_1_e in ((((((undefined(name='hyperdrive') if l_0_hyperdrive is missing else l_0_hyperdrive) + (undefined(name='kv') if l_0_kv is missing else l_0_kv)) + (undefined(name='d1') if l_0_d1 is missing else l_0_d1)) + (undefined(name='r2') if l_0_r2 is missing else l_0_r2)) + (undefined(name='producers') if l_0_producers is missing else l_0_producers)) + (undefined(name='services') if l_0_services is missing else l_0_services)):
        _loop_vars = {}
        pass
        yield '#   self.env.'
        yield str(t_1(environment.getattr(environment.getattr(l_1_e, 'value'), 'binding')))
        yield ': '
        yield str(t_1(environment.getattr(l_1_e, 'comment')))
        yield '\n'
    l_1_e = missing
    yield '# What the Compose project said (hostnames, routes, cron jobs, bindings) is data: see CONFIG.\n'
    if (undefined(name='crons') if l_0_crons is missing else l_0_crons):
        pass
        yield "# Cron Triggers (schedules in Cloudflare's dialect, weekday 1 = Sunday; the Compose schedule in brackets):\n"
        for l_1_c in environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'crons'):
            _loop_vars = {}
            pass
            yield '#   '
            yield str(t_1(environment.getattr(l_1_c, 'schedule')))
            yield ' ['
            yield str(t_1(environment.getattr(l_1_c, 'original')))
            yield ']: '
            yield str(environment.getattr(environment.getattr(l_1_c, 'job'), 'kind'))
            yield '\n'
        l_1_c = missing
    if environment.getattr((undefined(name='config') if l_0_config is missing else l_0_config), 'notes'):
        pass
        yield '# CONFIG["notes"]: what the proxy did that routes cannot express; do it in handle() or in the router.\n'
    yield 'import hashlib\nimport hmac\nimport json\nimport re\nimport uuid\nfrom urllib.parse import parse_qs, urlparse\n\nfrom js import Object\nfrom pyodide.ffi import to_js\nfrom workers import Response, WorkerEntrypoint, fetch\n\nCONFIG = '
    yield str(t_4((undefined(name='config') if l_0_config is missing else l_0_config)))
    yield '\n\nCHECK_PATH = '
    yield str(t_3((undefined(name='check_path') if l_0_check_path is missing else l_0_check_path)))
    yield '\n_REGEXES = {}\n\n\ndef _js(value):\n    return to_js(value, dict_converter=Object.fromEntries)\n\n\ndef _regex(pattern):\n    if pattern not in _REGEXES:\n        try:\n            _REGEXES[pattern] = re.compile(pattern)\n        except re.error:\n            print("[migrator] a route pattern is not a Python regex; it never matches")\n            _REGEXES[pattern] = None\n    return _REGEXES[pattern]\n\n\ndef _search(pattern, text):\n    compiled = _regex(pattern)\n    return compiled is not None and compiled.search(text) is not None\n\n\ndef _client_ip_in(request, cidr):\n    import ipaddress\n\n    try:\n        return ipaddress.ip_address(request.headers.get("CF-Connecting-IP") or "") in ipaddress.ip_network(cidr, strict=False)\n    except ValueError:\n        return False\n\n\ndef _matches(m, request, url):\n    op = m["op"]\n    host = (url.hostname or "").lower()\n    query = parse_qs(url.query, keep_blank_values=True)\n    if op == "true":\n        return True\n    if op == "all":\n        return all(_matches(part, request, url) for part in m["of"])\n    if op == "any":\n        return any(_matches(part, request, url) for part in m["of"])\n    if op == "not":\n        return not _matches(m["of"], request, url)\n    if op == "host":\n        return host == m["value"]\n    if op == "hostSuffix":\n        return host.endswith(m["value"])\n    if op == "hostPrefix":\n        return host.startswith(m["value"])\n    if op == "hostRegex":\n        return _search(m["value"], host)\n    if op == "path":\n        return url.path == m["value"]\n    if op == "pathPrefix":\n        return url.path.startswith(m["value"])\n    if op == "pathRegex":\n        return _search(m["value"], url.path)\n    if op == "method":\n        return request.method == m["value"]\n    if op == "clientIp":\n        return _client_ip_in(request, m["value"])\n    if op == "header":\n        return request.headers.get(m["name"]) == m["value"]\n    if op == "headerRegex":\n        return _search(m["value"], request.headers.get(m["name"]) or "")\n    if op == "query":\n        return query.get(m["name"], [None])[0] == m["value"]\n    if op == "queryHas":\n        return m["name"] in query\n    if op == "queryRegex":\n        return _search(m["value"], query.get(m["name"], [""])[0])\n    return False\n\n\ndef _same_secret(given, expected):\n    return hmac.compare_digest(hashlib.sha256(given.encode()).digest(), hashlib.sha256(expected.encode()).digest())\n\n\ndef _json(data, status=200):\n    return Response(json.dumps(data), status=status, headers={"content-type": "application/json"})\n\n\nclass Default(WorkerEntrypoint):\n    async def fetch(self, request):\n        url = urlparse(request.url)\n        if url.path == CHECK_PATH or url.path.endswith(CHECK_PATH):\n            return await self.smoke_check(request)\n        if (url.hostname or "").lower() in CONFIG["hosts"]:\n            # An internal call under a Compose hostname: no public route, host check or rate limit applies.\n            print(f"[migrator] {CONFIG[\'worker\']}: internal {request.method} {url.path}")\n            return await self.handle(request, url)\n        for name in CONFIG["ratelimits"]:\n            outcome = await getattr(self.env, name).limit(_js({"key": request.headers.get("CF-Connecting-IP") or "anonymous"}))\n            if not outcome.success:\n                return Response("Too Many Requests", status=429)\n        if CONFIG["routes"]:\n            route = next((r for r in CONFIG["routes"] if _matches(r["match"], request, url)), None)\n            if route is None:\n                return Response("Not Found", status=404)\n            strip = route.get("strip")\n            if strip and url.path.startswith(strip):\n                url = url._replace(path=url.path[len(strip) :] or "/")\n        return await self.handle(request, url)\n\n    async def handle(self, request, url):\n        """The service\'s own handlers: requests reach them with the path the service saw in Compose."""\n        if url.path == "/healthz":\n            return Response("ok")\n        # TODO: port the handlers of the service here (FastAPI runs via the asgi helper; call_service()\n        # reaches the other services by their Compose URLs).\n        return Response("Not implemented yet: " + url.path, status=501)\n\n    async def call_service(self, url, method="GET", headers=None):\n        """Calls another service as the Compose stack did (http://api:8080/products)."""\n        host = (urlparse(url).hostname or "").lower()\n        for b in CONFIG["bindings"]:\n            if b["type"] == "service" and host in b.get("hosts", []):\n                return await getattr(self.env, b["binding"]).fetch(url, _js({"method": method, "headers": headers or {}}))\n        return await fetch(url, method=method, headers=headers or {})\n\n    async def smoke_check(self, request):\n        """GET /__migrator/check with the header x-migrator-check equal to MIGRATOR_CHECK_TOKEN; else 404."""\n        token = getattr(self.env, "MIGRATOR_CHECK_TOKEN", None)\n        given = request.headers.get("x-migrator-check")\n        if request.method != "GET" or not isinstance(token, str) or not token or given is None or not _same_secret(given, token):\n            return Response("Not Found", status=404)\n        via = [w for w in (request.headers.get("x-migrator-check-via") or "").split(",") if w] + [CONFIG["worker"]]\n        results = {}\n        for b in CONFIG["bindings"]:\n            try:\n                results[b["binding"]] = await self.check_binding(b, token, via)\n            except Exception as error:  # noqa: BLE001 (reported, not raised)\n                results[b["binding"]] = {"status": "error", "detail": str(error)}\n        return _json({"worker": CONFIG["worker"], "bindings": results})\n\n    async def check_binding(self, b, token, via):\n        """One real round trip per binding."""\n        marker = f"__migrator_check__/{uuid.uuid4()}"\n        value = getattr(self.env, b["binding"])\n        kind = b["type"]\n        if kind == "kv":\n            await value.put(marker, marker)\n            back = await value.get(marker)\n            await value.delete(marker)\n            return {"status": "ok" if back == marker else "error", "detail": "put, get and delete of a marker key"}\n        if kind == "r2":\n            await value.put(marker, marker)\n            obj = await value.get(marker)\n            back = await obj.text() if obj else None\n            await value.delete(marker)\n            return {"status": "ok" if back == marker else "error", "detail": "put, get and delete of a marker object"}\n        if kind == "d1":\n            row = await value.prepare("select 1 as one").first()\n            return {"status": "ok" if row is not None else "error", "detail": "select 1"}\n        if kind == "queue":\n            await value.send(_js({"migratorCheck": CONFIG["worker"], "marker": marker}))\n            return {"status": "ok", "detail": "sent a check message (consumers of this plan acknowledge it)"}\n        if kind == "ratelimit":\n            await value.limit(_js({"key": "__migrator_check__"}))\n            return {"status": "ok", "detail": "limit() answered"}\n        if kind == "hyperdrive":\n            return {"status": "skipped", "detail": "the Python scaffold does not open database connections; connect with your driver to " + str(value.host)}\n        if kind in ("durable_object", "container"):\n            try:\n                stub = value.get(value.idFromName("__migrator_check__"))\n                answer = await stub.fetch("https://durable-object" + CHECK_PATH)\n                return json.loads(await answer.text())\n            except Exception as error:  # noqa: BLE001\n                return {"status": "skipped", "detail": f"{b.get(\'owner\') or b.get(\'className\')} is not available here ({error})"}\n        if kind == "service":\n            if b.get("worker") in via:\n                return {"status": "skipped", "detail": f"{b.get(\'worker\')} is already being checked on this path"}\n            url = "http://" + (b.get("hosts") or ["localhost"])[0] + CHECK_PATH\n            try:\n                answer = await value.fetch(url, _js({"headers": {"x-migrator-check": token, "x-migrator-check-via": ",".join(via)}}))\n                report = json.loads(await answer.text())\n            except Exception as error:  # noqa: BLE001\n                return {"status": "skipped", "detail": f"{b.get(\'worker\')} is not running here ({error})"}\n            failed = [name for name, check in report.get("bindings", {}).items() if check.get("status") == "error"]\n            if failed:\n                return {"status": "error", "detail": f"{report.get(\'worker\')} reports errors for {\', \'.join(failed)}"}\n            return {"status": "ok", "detail": f"{report.get(\'worker\')} answered its own check through {url}"}\n        return {"status": "skipped", "detail": f"no round trip is defined for {kind} bindings"}\n'
    if (undefined(name='crons') if l_0_crons is missing else l_0_crons):
        pass
        yield '\n    async def scheduled(self, controller, env, ctx):\n        jobs = [cron["job"] for cron in CONFIG["crons"] if cron["schedule"] == controller.cron]\n        if not jobs:\n            print(f"[migrator] {CONFIG[\'worker\']}: no job for the schedule {controller.cron}")\n        for job in jobs:\n            if job["kind"] == "todo":\n                print(f"[migrator] {CONFIG[\'worker\']}: TODO port the cron job by hand: {json.dumps(job[\'command\'])}")\n                continue\n            if job["kind"] == "service":\n                answer = await getattr(self.env, job["binding"]).fetch(job["url"], _js({"method": job["method"]}))\n            else:\n                answer = await fetch(job["url"], method=job["method"])\n            print(f"[migrator] {CONFIG[\'worker\']}: cron {job[\'method\']} {job[\'url\']} -> {answer.status}")\n'
    if (undefined(name='consumers') if l_0_consumers is missing else l_0_consumers):
        pass
        yield '\n    async def queue(self, batch, env, ctx):\n        for message in batch.messages:\n            body = message.body.to_py() if hasattr(message.body, "to_py") else message.body\n            if isinstance(body, dict) and isinstance(body.get("migratorCheck"), str):\n                print(f"[migrator] {CONFIG[\'worker\']}: queue {batch.queue} received the check message of {body[\'migratorCheck\']}")\n                message.ack()\n                continue\n            # TODO: the job the consumer ran for each message.\n            message.ack()\n'

blocks = {}
debug_info = '1=47&3=51&4=55&7=61&9=64&10=68&13=75&27=79&29=81&213=83&229=86'