# Made by `python -m migrator.emit.compile_templates`; do not edit.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'wrangler.jsonc.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_worker = resolve('worker')
    l_0_project = resolve('project')
    l_0_schema = resolve('schema')
    l_0_compatibility_date = resolve('compatibility_date')
    l_0_flags = resolve('flags')
    l_0_routes = resolve('routes')
    l_0_vars = resolve('vars')
    l_0_secrets = resolve('secrets')
    l_0_kv = resolve('kv')
    l_0_d1 = resolve('d1')
    l_0_r2 = resolve('r2')
    l_0_hyperdrive = resolve('hyperdrive')
    l_0_services = resolve('services')
    l_0_producers = resolve('producers')
    l_0_consumers = resolve('consumers')
    l_0_durable_objects = resolve('durable_objects')
    l_0_sqlite_classes = resolve('sqlite_classes')
    l_0_container = resolve('container')
    l_0_workflows = resolve('workflows')
    l_0_ratelimits = resolve('ratelimits')
    l_0_crons = resolve('crons')
    l_0_assets = resolve('assets')
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
        t_3 = environment.filters['tojson']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'tojson' found.")
    pass
    yield '// wrangler.jsonc for '
    yield str(environment.getattr((undefined(name='worker') if l_0_worker is missing else l_0_worker), 'name'))
    yield ", planned by migrator from the Compose project '"
    yield str(t_1((undefined(name='project') if l_0_project is missing else l_0_project)))
    yield "'.\n// Services: "
    yield str(t_1(t_2(context.eval_ctx, environment.getattr((undefined(name='worker') if l_0_worker is missing else l_0_worker), 'services'), ', ')))
    yield '. Deploy with `npx wrangler deploy` from this folder.\n{\n  "$schema": '
    yield str(t_3((undefined(name='schema') if l_0_schema is missing else l_0_schema)))
    yield ',\n  "name": '
    yield str(t_3(environment.getattr((undefined(name='worker') if l_0_worker is missing else l_0_worker), 'name')))
    yield ',\n  "main": '
    yield str(t_3(environment.getattr((undefined(name='worker') if l_0_worker is missing else l_0_worker), 'main')))
    yield ',\n  // Pinned: the default of wrangler 4.164.0. Move it forward when you have tested newer runtime behaviour.\n  "compatibility_date": '
    yield str(t_3((undefined(name='compatibility_date') if l_0_compatibility_date is missing else l_0_compatibility_date)))
    yield ',\n  "compatibility_flags": '
    yield str(t_3((undefined(name='flags') if l_0_flags is missing else l_0_flags)))
    yield ',\n'
    if (environment.getattr((undefined(name='worker') if l_0_worker is missing else l_0_worker), 'language') == 'python'):
        pass
        yield '  // A Python Worker: the first `wrangler dev` downloads the Pyodide runtime, so it needs internet once.\n'
    yield '  "observability": { "enabled": true },\n'
    if (undefined(name='routes') if l_0_routes is missing else l_0_routes):
        pass
        yield '  "workers_dev": false,\n  "routes": [\n'
        l_1_loop = missing
        for l_1_r, l_1_loop in LoopContext((undefined(name='routes') if l_0_routes is missing else l_0_routes), undefined):
            _loop_vars = {}
            pass
            yield '    // '
            yield str(t_1(environment.getattr(l_1_r, 'comment')))
            yield '\n    '
            yield str(t_3(environment.getattr(l_1_r, 'value')))
            yield str((',' if (not environment.getattr(l_1_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 19 in 'wrangler.jsonc.j2' evaluated to false and no else section was defined.")))
            yield '\n'
        l_1_loop = l_1_r = missing
        yield '  ],\n'
    if (undefined(name='vars') if l_0_vars is missing else l_0_vars):
        pass
        yield '  // Plain (non-secret) environment of the service.\n  "vars": '
        yield str(t_3((undefined(name='vars') if l_0_vars is missing else l_0_vars)))
        yield ',\n'
    if (undefined(name='secrets') if l_0_secrets is missing else l_0_secrets):
        pass
        yield '  // Set each with `npx wrangler secret put NAME`; values are never written here.\n  "secrets": { "required": '
        yield str(t_3((undefined(name='secrets') if l_0_secrets is missing else l_0_secrets)))
        yield ' },\n'
    if (undefined(name='kv') if l_0_kv is missing else l_0_kv):
        pass
        yield '  // wrangler creates the namespaces on first deploy (automatic provisioning).\n  "kv_namespaces": [\n'
        l_1_loop = missing
        for l_1_e, l_1_loop in LoopContext((undefined(name='kv') if l_0_kv is missing else l_0_kv), undefined):
            _loop_vars = {}
            pass
            yield '    // '
            yield str(t_1(environment.getattr(l_1_e, 'comment')))
            yield '\n    '
            yield str(t_3(environment.getattr(l_1_e, 'value')))
            yield str((',' if (not environment.getattr(l_1_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 36 in 'wrangler.jsonc.j2' evaluated to false and no else section was defined.")))
            yield '\n'
        l_1_loop = l_1_e = missing
        yield '  ],\n'
    if (undefined(name='d1') if l_0_d1 is missing else l_0_d1):
        pass
        yield '  "d1_databases": [\n'
        l_1_loop = missing
        for l_1_e, l_1_loop in LoopContext((undefined(name='d1') if l_0_d1 is missing else l_0_d1), undefined):
            _loop_vars = {}
            pass
            yield '    // '
            yield str(t_1(environment.getattr(l_1_e, 'comment')))
            yield '\n    '
            yield str(t_3(environment.getattr(l_1_e, 'value')))
            yield str((',' if (not environment.getattr(l_1_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 44 in 'wrangler.jsonc.j2' evaluated to false and no else section was defined.")))
            yield '\n'
        l_1_loop = l_1_e = missing
        yield '  ],\n'
    if (undefined(name='r2') if l_0_r2 is missing else l_0_r2):
        pass
        yield '  "r2_buckets": [\n'
        l_1_loop = missing
        for l_1_e, l_1_loop in LoopContext((undefined(name='r2') if l_0_r2 is missing else l_0_r2), undefined):
            _loop_vars = {}
            pass
            yield '    // '
            yield str(t_1(environment.getattr(l_1_e, 'comment')))
            yield '\n    '
            yield str(t_3(environment.getattr(l_1_e, 'value')))
            yield str((',' if (not environment.getattr(l_1_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 52 in 'wrangler.jsonc.j2' evaluated to false and no else section was defined.")))
            yield '\n'
        l_1_loop = l_1_e = missing
        yield '  ],\n'
    if (undefined(name='hyperdrive') if l_0_hyperdrive is missing else l_0_hyperdrive):
        pass
        yield '  "hyperdrive": [\n'
        l_1_loop = missing
        for l_1_e, l_1_loop in LoopContext((undefined(name='hyperdrive') if l_0_hyperdrive is missing else l_0_hyperdrive), undefined):
            _loop_vars = {}
            pass
            yield '    // '
            yield str(t_1(environment.getattr(l_1_e, 'comment')))
            yield '\n    '
            yield str(t_3(environment.getattr(l_1_e, 'value')))
            yield str((',' if (not environment.getattr(l_1_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 60 in 'wrangler.jsonc.j2' evaluated to false and no else section was defined.")))
            yield '\n'
        l_1_loop = l_1_e = missing
        yield '  ],\n'
    if (undefined(name='services') if l_0_services is missing else l_0_services):
        pass
        yield '  "services": [\n'
        l_1_loop = missing
        for l_1_e, l_1_loop in LoopContext((undefined(name='services') if l_0_services is missing else l_0_services), undefined):
            _loop_vars = {}
            pass
            yield '    // '
            yield str(t_1(environment.getattr(l_1_e, 'comment')))
            yield '\n    '
            yield str(t_3(environment.getattr(l_1_e, 'value')))
            yield str((',' if (not environment.getattr(l_1_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 68 in 'wrangler.jsonc.j2' evaluated to false and no else section was defined.")))
            yield '\n'
        l_1_loop = l_1_e = missing
        yield '  ],\n'
    if ((undefined(name='producers') if l_0_producers is missing else l_0_producers) or (undefined(name='consumers') if l_0_consumers is missing else l_0_consumers)):
        pass
        yield '  "queues": {\n'
        if (undefined(name='producers') if l_0_producers is missing else l_0_producers):
            pass
            yield '    "producers": [\n'
            l_1_loop = missing
            for l_1_e, l_1_loop in LoopContext((undefined(name='producers') if l_0_producers is missing else l_0_producers), undefined):
                _loop_vars = {}
                pass
                yield '      // '
                yield str(t_1(environment.getattr(l_1_e, 'comment')))
                yield '\n      '
                yield str(t_3(environment.getattr(l_1_e, 'value')))
                yield str((',' if (not environment.getattr(l_1_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 78 in 'wrangler.jsonc.j2' evaluated to false and no else section was defined.")))
                yield '\n'
            l_1_loop = l_1_e = missing
            yield '    ]'
            yield str((',' if (undefined(name='consumers') if l_0_consumers is missing else l_0_consumers) else cond_expr_undefined("the inline if-expression on line 80 in 'wrangler.jsonc.j2' evaluated to false and no else section was defined.")))
            yield '\n'
        if (undefined(name='consumers') if l_0_consumers is missing else l_0_consumers):
            pass
            yield '    "consumers": [\n'
            l_1_loop = missing
            for l_1_e, l_1_loop in LoopContext((undefined(name='consumers') if l_0_consumers is missing else l_0_consumers), undefined):
                _loop_vars = {}
                pass
                yield '      // '
                yield str(t_1(environment.getattr(l_1_e, 'comment')))
                yield '\n      '
                yield str(t_3(environment.getattr(l_1_e, 'value')))
                yield str((',' if (not environment.getattr(l_1_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 86 in 'wrangler.jsonc.j2' evaluated to false and no else section was defined.")))
                yield '\n'
            l_1_loop = l_1_e = missing
            yield '    ]\n'
        yield '  },\n'
    if (undefined(name='durable_objects') if l_0_durable_objects is missing else l_0_durable_objects):
        pass
        yield '  "durable_objects": {\n    "bindings": [\n'
        l_1_loop = missing
        for l_1_e, l_1_loop in LoopContext((undefined(name='durable_objects') if l_0_durable_objects is missing else l_0_durable_objects), undefined):
            _loop_vars = {}
            pass
            yield '      // '
            yield str(t_1(environment.getattr(l_1_e, 'comment')))
            yield '\n      '
            yield str(t_3(environment.getattr(l_1_e, 'value')))
            yield str((',' if (not environment.getattr(l_1_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 97 in 'wrangler.jsonc.j2' evaluated to false and no else section was defined.")))
            yield '\n'
        l_1_loop = l_1_e = missing
        yield '    ]\n  },\n'
    if (undefined(name='sqlite_classes') if l_0_sqlite_classes is missing else l_0_sqlite_classes):
        pass
        yield '  // SQLite-backed Durable Object classes exported by src/index.ts.\n  "migrations": [{ "tag": "v1", "new_sqlite_classes": '
        yield str(t_3((undefined(name='sqlite_classes') if l_0_sqlite_classes is missing else l_0_sqlite_classes)))
        yield ' }],\n'
    if (undefined(name='container') if l_0_container is missing else l_0_container):
        pass
        yield '  // `wrangler dev` starts without Docker or a login; the Container class answers 503 locally.\n  // With Docker running, `npx wrangler dev --enable-containers` runs the image.\n  "dev": { "enable_containers": false },\n  "containers": [\n    // '
        yield str(t_1(environment.getattr((undefined(name='container') if l_0_container is missing else l_0_container), 'comment')))
        yield '\n    '
        yield str(t_3(environment.getattr((undefined(name='container') if l_0_container is missing else l_0_container), 'value')))
        yield '\n  ],\n'
    if (undefined(name='workflows') if l_0_workflows is missing else l_0_workflows):
        pass
        yield '  "workflows": [\n'
        l_1_loop = missing
        for l_1_e, l_1_loop in LoopContext((undefined(name='workflows') if l_0_workflows is missing else l_0_workflows), undefined):
            _loop_vars = {}
            pass
            yield '    // '
            yield str(t_1(environment.getattr(l_1_e, 'comment')))
            yield '\n    '
            yield str(t_3(environment.getattr(l_1_e, 'value')))
            yield str((',' if (not environment.getattr(l_1_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 119 in 'wrangler.jsonc.j2' evaluated to false and no else section was defined.")))
            yield '\n'
        l_1_loop = l_1_e = missing
        yield '  ],\n'
    if (undefined(name='ratelimits') if l_0_ratelimits is missing else l_0_ratelimits):
        pass
        yield '  "ratelimits": [\n'
        l_1_loop = missing
        for l_1_e, l_1_loop in LoopContext((undefined(name='ratelimits') if l_0_ratelimits is missing else l_0_ratelimits), undefined):
            _loop_vars = {}
            pass
            yield '    // '
            yield str(t_1(environment.getattr(l_1_e, 'comment')))
            yield '; namespace_id must be unique in your account\n    '
            yield str(t_3(environment.getattr(l_1_e, 'value')))
            yield str((',' if (not environment.getattr(l_1_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 127 in 'wrangler.jsonc.j2' evaluated to false and no else section was defined.")))
            yield '\n'
        l_1_loop = l_1_e = missing
        yield '  ],\n'
    if (undefined(name='crons') if l_0_crons is missing else l_0_crons):
        pass
        yield '  "triggers": {\n    "crons": [\n'
        l_1_loop = missing
        for l_1_e, l_1_loop in LoopContext((undefined(name='crons') if l_0_crons is missing else l_0_crons), undefined):
            _loop_vars = {}
            pass
            yield '      // '
            yield str(t_1(environment.getattr(l_1_e, 'comment')))
            yield '\n      '
            yield str(t_3(environment.getattr(environment.getattr(l_1_e, 'value'), 'cron')))
            yield str((',' if (not environment.getattr(l_1_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 136 in 'wrangler.jsonc.j2' evaluated to false and no else section was defined.")))
            yield '\n'
        l_1_loop = l_1_e = missing
        yield '    ]\n  },\n'
    if (undefined(name='assets') if l_0_assets is missing else l_0_assets):
        pass
        yield '  // Static files; put the built site in ./public.\n  "assets": { "directory": "./public", "binding": "ASSETS", "not_found_handling": "single-page-application" },\n'
    yield '}\n'

blocks = {}
debug_info = '1=52&2=56&4=58&5=60&6=62&8=64&9=66&10=68&14=72&17=76&18=80&19=82&23=87&25=90&27=92&29=95&31=97&34=101&35=105&36=107&40=112&42=116&43=120&44=122&48=127&50=131&51=135&52=137&56=142&58=146&59=150&60=152&64=157&66=161&67=165&68=167&72=172&74=175&76=179&77=183&78=185&80=190&82=192&84=196&85=200&86=202&92=208&95=212&96=216&97=218&102=223&104=226&106=228&111=231&112=233&115=235&117=239&118=243&119=245&123=250&125=254&126=258&127=260&131=265&134=269&135=273&136=275&141=280'