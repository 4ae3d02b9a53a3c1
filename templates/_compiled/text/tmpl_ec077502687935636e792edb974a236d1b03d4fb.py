# Made by `python -m migrator.emit.compile_templates`; do not edit.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'plan/README.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_project = resolve('project')
    l_0_order = resolve('order')
    l_0_node = resolve('node')
    l_0_wrangler = resolve('wrangler')
    l_0_containers = resolve('containers')
    l_0_primary = resolve('primary')
    l_0_databases = resolve('databases')
    l_0_local_password = resolve('local_password')
    l_0_workers = resolve('workers')
    l_0_python = resolve('python')
    l_0_crons = resolve('crons')
    l_0_typescript = resolve('typescript')
    l_0_waves = resolve('waves')
    l_0_cycles = resolve('cycles')
    l_0_resources = resolve('resources')
    l_0_kinds = missing
    try:
        t_1 = environment.filters['code']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'code' found.")
    try:
        t_2 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_3 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_4 = environment.filters['list']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'list' found.")
    try:
        t_5 = environment.filters['map']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'map' found.")
    try:
        t_6 = environment.filters['md']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'md' found.")
    pass
    yield '# '
    yield str(t_6((undefined(name='project') if l_0_project is missing else l_0_project)))
    yield ' on Cloudflare: the runbook\n\nmigrator planned the Compose project '
    yield str(t_1((undefined(name='project') if l_0_project is missing else l_0_project)))
    yield ' as '
    yield str(t_3((undefined(name='order') if l_0_order is missing else l_0_order)))
    yield ' Worker'
    yield str(('s' if (t_3((undefined(name='order') if l_0_order is missing else l_0_order)) != 1) else cond_expr_undefined("the inline if-expression on line 3 in 'plan/README.md.j2' evaluated to false and no else section was defined.")))
    yield '.\nEach folder holds a Worker: `wrangler.jsonc`, its code in `src/`, and `.dev.vars.example`.\n`report.md` says why each service became what it did; this file says what to do, in order.\n\nYou need Node.js '
    yield str((undefined(name='node') if l_0_node is missing else l_0_node))
    yield ' or newer (wrangler '
    yield str((undefined(name='wrangler') if l_0_wrangler is missing else l_0_wrangler))
    yield ' requires it) and, to deploy, a Cloudflare\naccount'
    yield str((' on the Workers Paid plan (Containers) and Docker (wrangler builds the Container images)' if (undefined(name='containers') if l_0_containers is missing else l_0_containers) else cond_expr_undefined("the inline if-expression on line 8 in 'plan/README.md.j2' evaluated to false and no else section was defined.")))
    yield '.\n\n## Run it locally\n\n```sh\nnpm install\nnpm run dev\n```\n\n`npm run dev` starts every Worker in one `wrangler dev` session. `'
    yield str((undefined(name='primary') if l_0_primary is missing else l_0_primary))
    yield '` answers on\nhttp://localhost:8787; the others are reached through their service bindings, as the services\nreached each other in Compose. To start one Worker alone:\n\n```sh\ncd '
    yield str(environment.getattr(environment.getattr(environment.getitem((undefined(name='order') if l_0_order is missing else l_0_order), 0), 'worker'), 'name'))
    yield " && npx wrangler dev\n```\n\nWorkers started in separate sessions on one machine still reach each other (wrangler's dev registry).\nNothing needs a login: KV, R2, D1, Queues, Durable Objects and rate limits are simulated locally.\n\n- **Secrets**: copy each Worker's `.dev.vars.example` to `.dev.vars` and fill it in (never commit it).\n"
    if (undefined(name='databases') if l_0_databases is missing else l_0_databases):
        pass
        yield '- **Hyperdrive**: `wrangler dev` connects to the `localConnectionString` in `wrangler.jsonc`, the Compose\n  database on localhost with the password `'
        yield str((undefined(name='local_password') if l_0_local_password is missing else l_0_local_password))
        yield '` (a placeholder). Start the database (for example\n  `docker compose up` with its port published) and, unless its password is that placeholder, set the real\n  local connection string in your shell or in `.env` beside where you run wrangler (not in `.dev.vars`:\n  wrangler does not read it there):\n'
        for l_1_w in (undefined(name='workers') if l_0_workers is missing else l_0_workers):
            _loop_vars = {}
            pass
            def t_7(fiter):
                for l_2_b in fiter:
                    if (environment.getattr(l_2_b, 'type') == 'hyperdrive'):
                        yield l_2_b
            for l_2_b in t_7(environment.getattr(l_1_w, 'bindings')):
                _loop_vars = {}
                pass
                yield '  - `CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_'
                yield str(environment.getattr(l_2_b, 'binding'))
                yield '` for `'
                yield str(environment.getattr(l_1_w, 'name'))
                yield '`\n'
            l_2_b = missing
        l_1_w = missing
    if (undefined(name='containers') if l_0_containers is missing else l_0_containers):
        pass
        yield '- **Containers** ('
        yield str(t_2(context.eval_ctx, (undefined(name='containers') if l_0_containers is missing else l_0_containers), ', '))
        yield "): `wrangler dev` starts without Docker (`dev.enable_containers`\n  is false) and the Container answers 503. With Docker running, `npx wrangler dev --enable-containers` in the\n  Worker's folder runs the image.\n"
    if (undefined(name='python') if l_0_python is missing else l_0_python):
        pass
        yield '- **Python Workers** ('
        yield str(t_2(context.eval_ctx, (undefined(name='python') if l_0_python is missing else l_0_python), ', '))
        yield '): the first `wrangler dev` downloads the Python runtime\n  (Pyodide), so it needs internet once; a machine offline cannot start them (`wrangler deploy --dry-run`\n  still works).\n'
    if (undefined(name='crons') if l_0_crons is missing else l_0_crons):
        pass
        yield '- **Cron Triggers**: start the Worker with `npx wrangler dev --test-scheduled` in its folder, then request\n  `http://localhost:8787/__scheduled?cron=SCHEDULE` (spaces as `+`):\n'
        for l_1_w in (undefined(name='crons') if l_0_crons is missing else l_0_crons):
            _loop_vars = {}
            pass
            for l_2_c in environment.getattr(l_1_w, 'crons'):
                _loop_vars = {}
                pass
                yield '  - `'
                yield str(environment.getattr(l_1_w, 'name'))
                yield '`: '
                yield str(t_1(environment.getattr(l_2_c, 'schedule')))
                yield '\n'
            l_2_c = missing
        l_1_w = missing
    if (undefined(name='typescript') if l_0_typescript is missing else l_0_typescript):
        pass
        yield "- **Types**: `npm run typecheck` writes the runtime types (`worker-configuration.d.ts`, from `wrangler types`)\n  and checks every Worker's `src/` with `tsc`.\n"
    yield '\n## The waves\n\nMove the services in this order: each wave only uses what earlier waves moved.\n\n| Wave | Service | Becomes | Worker |\n|---|---|---|---|\n'
    l_1_loop = missing
    for l_1_wave, l_1_loop in LoopContext((undefined(name='waves') if l_0_waves is missing else l_0_waves), undefined):
        l_1_number = missing
        _loop_vars = {}
        pass
        l_1_number = environment.getattr(l_1_loop, 'index')
        _loop_vars['number'] = l_1_number
        for (l_2_name, l_2_kind, l_2_worker) in l_1_wave:
            _loop_vars = {}
            pass
            yield '| '
            yield str((undefined(name='number') if l_1_number is missing else l_1_number))
            yield ' | '
            yield str(t_1(l_2_name))
            yield ' | '
            yield str(l_2_kind)
            yield ' | '
            yield str((l_2_worker or '-'))
            yield ' |\n'
        l_2_name = l_2_kind = l_2_worker = missing
    l_1_loop = l_1_wave = l_1_number = missing
    if (undefined(name='cycles') if l_0_cycles is missing else l_0_cycles):
        pass
        yield '\nSome services use each other (a cycle): deploy one of their Workers first without the service binding to\nthe other, then again with it.\n'
    yield '\n## 1. Create the resources\n\nLog in once with `npx wrangler login`. Run the commands from this folder.\n\n'
    l_1_loop = missing
    for l_1_r, l_1_loop in LoopContext((undefined(name='resources') if l_0_resources is missing else l_0_resources), undefined):
        l_1_db = resolve('db')
        l_1_hyperdrive_command = resolve('hyperdrive_command')
        _loop_vars = {}
        pass
        if (environment.getattr(l_1_r, 'type') == 'kv'):
            pass
            yield '- **KV namespace** '
            yield str(t_1(environment.getattr(l_1_r, 'name')))
            yield ' (replaces '
            yield str(t_1(environment.getattr(l_1_r, 'service')))
            yield '): the first deploy creates it\n  (automatic provisioning). To create it yourself: `npx wrangler kv namespace create '
            yield str(environment.getattr(l_1_r, 'name'))
            yield '`, then\n  put the `id` it prints into the `kv_namespaces` entry'
            l_2_loop = missing
            for (l_2_w, l_2_b), l_2_loop in LoopContext(environment.getattr(l_1_r, 'users'), undefined):
                _loop_vars = {}
                pass
                yield ' `'
                yield str(l_2_b)
                yield '` of `'
                yield str(l_2_w)
                yield '/wrangler.jsonc`'
                yield str((',' if (not environment.getattr(l_2_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 87 in 'plan/README.md.j2' evaluated to false and no else section was defined.")))
            l_2_loop = l_2_w = l_2_b = missing
            yield '.\n'
        elif (environment.getattr(l_1_r, 'type') == 'r2'):
            pass
            yield '- **R2 bucket** '
            yield str(t_1(environment.getattr(l_1_r, 'name')))
            yield ' (replaces '
            yield str(t_1(environment.getattr(l_1_r, 'service')))
            yield '): `npx wrangler r2 bucket create '
            yield str(environment.getattr(l_1_r, 'name'))
            yield '`.\n  The name is already in'
            l_2_loop = missing
            for (l_2_w, l_2_b), l_2_loop in LoopContext(environment.getattr(l_1_r, 'users'), undefined):
                _loop_vars = {}
                pass
                yield ' `'
                yield str(l_2_w)
                yield '/wrangler.jsonc`'
                yield str((',' if (not environment.getattr(l_2_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 90 in 'plan/README.md.j2' evaluated to false and no else section was defined.")))
            l_2_loop = l_2_w = l_2_b = missing
            yield '.\n'
        elif (environment.getattr(l_1_r, 'type') == 'queue'):
            pass
            yield '- **Queue** '
            yield str(t_1(environment.getattr(l_1_r, 'name')))
            if environment.getattr(l_1_r, 'service'):
                pass
                yield ' (replaces '
                yield str(t_1(environment.getattr(l_1_r, 'service')))
                yield ')'
            yield ': `npx wrangler queues create '
            yield str(environment.getattr(l_1_r, 'name'))
            yield '`'
            if environment.getattr(l_1_r, 'dlq'):
                pass
                yield ',\n  and its dead-letter queue: `npx wrangler queues create '
                yield str(environment.getattr(l_1_r, 'name'))
                yield '-dlq`'
            yield '.\n'
        elif (environment.getattr(l_1_r, 'type') == 'd1'):
            pass
            yield '- **D1 database** '
            yield str(t_1(environment.getattr(l_1_r, 'name')))
            yield ' (replaces '
            yield str(t_1(environment.getattr(l_1_r, 'service')))
            yield '): `npx wrangler d1 create '
            yield str(environment.getattr(l_1_r, 'name'))
            yield '`, then\n  put the `database_id` it prints into the `d1_databases` entry'
            l_2_loop = missing
            for (l_2_w, l_2_b), l_2_loop in LoopContext(environment.getattr(l_1_r, 'users'), undefined):
                _loop_vars = {}
                pass
                yield ' `'
                yield str(l_2_b)
                yield '` of `'
                yield str(l_2_w)
                yield '/wrangler.jsonc`'
                yield str((',' if (not environment.getattr(l_2_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 96 in 'plan/README.md.j2' evaluated to false and no else section was defined.")))
            l_2_loop = l_2_w = l_2_b = missing
            yield ',\n  and apply the schema: '
            l_2_loop = missing
            for (l_2_w, l_2_b), l_2_loop in LoopContext(environment.getattr(l_1_r, 'users'), undefined):
                _loop_vars = {}
                pass
                if environment.getattr(l_2_loop, 'first'):
                    pass
                    yield '`npx wrangler d1 migrations apply '
                    yield str(environment.getattr(l_1_r, 'name'))
                    yield ' --remote -c '
                    yield str(l_2_w)
                    yield '/wrangler.jsonc`'
            l_2_loop = l_2_w = l_2_b = missing
            yield '.\n'
        elif (environment.getattr(l_1_r, 'type') == 'hyperdrive'):
            pass
            l_1_db = environment.getitem((undefined(name='databases') if l_0_databases is missing else l_0_databases), environment.getattr(l_1_r, 'name'))
            _loop_vars['db'] = l_1_db
            yield '- **Hyperdrive** '
            yield str(t_1(environment.getattr(l_1_r, 'name')))
            yield ' (reaches '
            yield str(t_1(environment.getattr(l_1_r, 'service')))
            yield ', which stays a '
            yield str(('MySQL' if (environment.getattr((undefined(name='db') if l_1_db is missing else l_1_db), 'scheme') == 'mysql') else 'PostgreSQL'))
            yield ' server\n  reachable from the internet, or through a Cloudflare Tunnel):\n\n  ```sh\n  '
            yield str(context.call((undefined(name='hyperdrive_command') if l_1_hyperdrive_command is missing else l_1_hyperdrive_command), environment.getattr(l_1_r, 'name'), environment.getattr((undefined(name='db') if l_1_db is missing else l_1_db), 'scheme'), environment.getattr((undefined(name='db') if l_1_db is missing else l_1_db), 'user'), environment.getattr((undefined(name='db') if l_1_db is missing else l_1_db), 'database'), environment.getattr((undefined(name='db') if l_1_db is missing else l_1_db), 'server_port'), _loop_vars=_loop_vars))
            yield '\n  ```\n\n  Put the `id` it prints into the `hyperdrive` entry'
            l_2_loop = missing
            for (l_2_w, l_2_b), l_2_loop in LoopContext(environment.getattr(l_1_r, 'users'), undefined):
                _loop_vars = {}
                pass
                yield ' `'
                yield str(l_2_b)
                yield '` of `'
                yield str(l_2_w)
                yield '/wrangler.jsonc`'
                yield str((',' if (not environment.getattr(l_2_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 107 in 'plan/README.md.j2' evaluated to false and no else section was defined.")))
            l_2_loop = l_2_w = l_2_b = missing
            yield '.\n'
    l_1_loop = l_1_r = l_1_db = l_1_hyperdrive_command = missing
    if (not (undefined(name='resources') if l_0_resources is missing else l_0_resources)):
        pass
        yield 'Nothing to create: the first deploy creates what the Workers use.\n'
    yield '\nDurable Objects, Workflows, Containers and rate limits are created by the deploy itself.\n\n## 2. Set the secrets\n\nA new Worker gets its secrets with its first deploy: write them to `WORKER/.secrets` (`NAME=value` lines,\nignored by git; write a `$` in a value as `\\$`) and `npm run deploy` passes that file. Afterwards, change one with\n`npx wrangler secret put NAME -c WORKER/wrangler.jsonc`. Every Worker also takes `MIGRATOR_CHECK_TOKEN`,\nthe token of the smoke check (any long random string, for example from `openssl rand -hex 24`).\n\n```sh\n'
    for l_1_w in (undefined(name='workers') if l_0_workers is missing else l_0_workers):
        _loop_vars = {}
        pass
        for l_2_name in environment.getattr(l_1_w, 'secrets'):
            l_2_safe_name = resolve('safe_name')
            _loop_vars = {}
            pass
            if context.call((undefined(name='safe_name') if l_2_safe_name is missing else l_2_safe_name), l_2_name, _loop_vars=_loop_vars):
                pass
                yield 'npx wrangler secret put '
                yield str(l_2_name)
                yield ' -c '
                yield str(environment.getattr(l_1_w, 'name'))
                yield '/wrangler.jsonc\n'
            else:
                pass
                yield '# '
                yield str(environment.getattr(l_1_w, 'name'))
                yield ': a secret whose name is not a plain identifier; set it in the dashboard\n'
        l_2_name = l_2_safe_name = missing
        if ('MIGRATOR_CHECK_TOKEN' not in environment.getattr(l_1_w, 'secrets')):
            pass
            yield 'npx wrangler secret put MIGRATOR_CHECK_TOKEN -c '
            yield str(environment.getattr(l_1_w, 'name'))
            yield '/wrangler.jsonc\n'
    l_1_w = missing
    yield '```\n\n## 3. Move the data\n\n'
    l_0_kinds = t_4(context.eval_ctx, t_5(context, (undefined(name='resources') if l_0_resources is missing else l_0_resources), attribute='type'))
    context.vars['kinds'] = l_0_kinds
    context.exported_vars.add('kinds')
    if ('hyperdrive' in (undefined(name='kinds') if l_0_kinds is missing else l_0_kinds)):
        pass
        yield '- **Databases**: Hyperdrive reaches the database where it runs; nothing moves. To move it to a managed\n  service, dump and restore it:\n'
        def t_8(fiter):
            for l_1_r in fiter:
                if (environment.getattr(l_1_r, 'type') == 'hyperdrive'):
                    yield l_1_r
        for l_1_r in t_8((undefined(name='resources') if l_0_resources is missing else l_0_resources)):
            l_1_safe_service = resolve('safe_service')
            l_1_db = missing
            _loop_vars = {}
            pass
            l_1_db = environment.getitem((undefined(name='databases') if l_0_databases is missing else l_0_databases), environment.getattr(l_1_r, 'name'))
            _loop_vars['db'] = l_1_db
            if (not context.call((undefined(name='safe_service') if l_1_safe_service is missing else l_1_safe_service), environment.getattr(l_1_r, 'service'), _loop_vars=_loop_vars)):
                pass
                yield '  dump '
                yield str(t_1(environment.getattr(l_1_r, 'service')))
                yield ' with '
                yield str(('`mysqldump`' if (environment.getattr((undefined(name='db') if l_1_db is missing else l_1_db), 'scheme') == 'mysql') else '`pg_dump`'))
                yield ' and restore it on the new server.\n'
            elif (environment.getattr((undefined(name='db') if l_1_db is missing else l_1_db), 'scheme') == 'mysql'):
                pass
                yield '  `docker compose exec -T '
                yield str(environment.getattr(l_1_r, 'service'))
                yield ' sh -c \'exec mysqldump --single-transaction -u"$MYSQL_USER" -p"$MYSQL_PASSWORD" '
                yield str(environment.getattr((undefined(name='db') if l_1_db is missing else l_1_db), 'database'))
                yield "' > "
                yield str(environment.getattr(l_1_r, 'name'))
                yield '.sql`,\n  then `mysql --host DB_HOST --user '
                yield str(environment.getattr((undefined(name='db') if l_1_db is missing else l_1_db), 'user'))
                yield ' -p '
                yield str(environment.getattr((undefined(name='db') if l_1_db is missing else l_1_db), 'database'))
                yield ' < '
                yield str(environment.getattr(l_1_r, 'name'))
                yield '.sql`.\n'
            else:
                pass
                yield '  `docker compose exec -T '
                yield str(environment.getattr(l_1_r, 'service'))
                yield ' pg_dump -U '
                yield str(environment.getattr((undefined(name='db') if l_1_db is missing else l_1_db), 'user'))
                yield ' -Fc '
                yield str(environment.getattr((undefined(name='db') if l_1_db is missing else l_1_db), 'database'))
                yield ' > '
                yield str(environment.getattr(l_1_r, 'name'))
                yield '.dump`,\n  then `pg_restore --no-owner --dbname "$NEW_DATABASE_URL" '
                yield str(environment.getattr(l_1_r, 'name'))
                yield '.dump`.\n'
        l_1_r = l_1_db = l_1_safe_service = missing
    if ('d1' in (undefined(name='kinds') if l_0_kinds is missing else l_0_kinds)):
        pass
        yield '- **D1**: export the data as SQL (`sqlite3 app.db .dump > dump.sql`), then\n  `npx wrangler d1 execute NAME --remote --file=dump.sql` for each D1 database above.\n'
    if ('r2' in (undefined(name='kinds') if l_0_kinds is missing else l_0_kinds)):
        pass
        yield '- **Object storage to R2**: copy each bucket with `rclone sync minio:BUCKET r2:R2_BUCKET` (two S3 remotes in\n  `rclone config`: your MinIO endpoint, and `https://ACCOUNT_ID.r2.cloudflarestorage.com` with an R2 API token),\n  or with Super Slurper (dashboard, R2, Data Migration) when the source is reachable from the internet.\n'
    if ('kv' in (undefined(name='kinds') if l_0_kinds is missing else l_0_kinds)):
        pass
        yield '- **Redis to KV**: a cache starts empty. Keys you must keep: export them (`redis-cli --scan`), write them as\n  a JSON list of `{"key": ..., "value": ...}`, and load them with\n  `npx wrangler kv bulk put data.json --binding BINDING -c WORKER/wrangler.jsonc --remote`.\n'
    if ('queue' in (undefined(name='kinds') if l_0_kinds is missing else l_0_kinds)):
        pass
        yield '- **Queues**: messages are not copied; let the old consumers drain the broker before the switch.\n'
    if (undefined(name='containers') if l_0_containers is missing else l_0_containers):
        pass
        yield '- **Containers**: their disk is ephemeral; files that must last go to R2.\n'
    if ((not (undefined(name='kinds') if l_0_kinds is missing else l_0_kinds)) and (not (undefined(name='containers') if l_0_containers is missing else l_0_containers))):
        pass
        yield 'Nothing to move.\n'
    yield '\n## 4. Deploy\n\n```sh\nnpm run deploy\n```\n\ndeploys the Workers in this order (a Worker after those it binds to): '
    l_1_loop = missing
    for l_1_d, l_1_loop in LoopContext((undefined(name='order') if l_0_order is missing else l_0_order), undefined):
        _loop_vars = {}
        pass
        yield '`'
        yield str(environment.getattr(environment.getattr(l_1_d, 'worker'), 'name'))
        yield '`'
        yield str((', ' if (not environment.getattr(l_1_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 187 in 'plan/README.md.j2' evaluated to false and no else section was defined.")))
    l_1_loop = l_1_d = missing
    yield '.\n`npm run deploy -- --dry-run'
    yield str((' --containers-rollout=none' if (undefined(name='containers') if l_0_containers is missing else l_0_containers) else cond_expr_undefined("the inline if-expression on line 188 in 'plan/README.md.j2' evaluated to false and no else section was defined.")))
    yield '` checks them all without deploying'
    yield str((' (and without Docker)' if (undefined(name='containers') if l_0_containers is missing else l_0_containers) else cond_expr_undefined("the inline if-expression on line 188 in 'plan/README.md.j2' evaluated to false and no else section was defined.")))
    yield '.\n\n## 5. Check\n\n```sh\nMIGRATOR_CHECK_TOKEN=... npm run check\n```\n\ncalls `GET /__migrator/check` with the header `x-migrator-check` on every Worker and fails when a binding\nreports `error`. Without the right token a Worker answers 404, as if the path did not exist.\n\n| Worker | Check URL |\n|---|---|\n'
    for l_1_d in (undefined(name='order') if l_0_order is missing else l_0_order):
        _loop_vars = {}
        pass
        yield '| '
        yield str(environment.getattr(environment.getattr(l_1_d, 'worker'), 'name'))
        yield ' | '
        yield str((t_1(environment.getattr(l_1_d, 'check_url')) if environment.getattr(l_1_d, 'check_url') else 'workers.dev: set `WORKERS_DEV_SUBDOMAIN`'))
        yield ' |\n'
    l_1_d = missing
    yield '\n`MIGRATOR_CHECK_URL_<WORKER>` (name in upper case, `-` as `_`) sets another URL for one Worker.\n'

blocks = {}
debug_info = '1=64&3=66&7=72&8=76&17=78&22=80&29=82&31=85&35=87&36=98&39=104&40=107&44=109&45=112&49=114&52=117&53=124&56=130&67=135&68=139&69=141&70=145&73=155&83=160&84=165&85=168&86=172&87=175&88=186&89=189&90=196&91=205&92=208&93=220&94=223&95=226&96=233&97=245&98=257&99=259&100=262&104=268&107=271&110=283&124=287&125=290&126=294&127=297&129=304&132=307&133=310&140=314&141=317&144=320&145=329&146=331&147=334&148=338&149=341&150=347&152=356&153=364&157=367&161=370&166=373&171=376&174=379&177=382&187=387&188=396&201=400&202=404'