# Made by `python -m migrator.emit.compile_templates`; do not edit.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'report.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_marker = resolve('marker')
    l_0_doc = resolve('doc')
    l_0_inactive = resolve('inactive')
    l_0_plural = resolve('plural')
    l_0_inactive_profiles = resolve('inactive_profiles')
    l_0_blockers = resolve('blockers')
    l_0_before_edges = resolve('before_edges')
    l_0_after_edges = resolve('after_edges')
    l_0_secrets = resolve('secrets')
    l_0_reached = resolve('reached')
    l_0_details = resolve('details')
    l_0_worker_waves = resolve('worker_waves')
    l_0_warnings = resolve('warnings')
    l_0_infos = resolve('infos')
    l_0_truncated = resolve('truncated')
    l_0_s = l_0_e = l_0_c = missing
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
        t_4 = environment.filters['map']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'map' found.")
    try:
        t_5 = environment.filters['md']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'md' found.")
    try:
        t_6 = environment.filters['mlabel']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'mlabel' found.")
    try:
        t_7 = environment.filters['reverse']
    except KeyError:
        @internalcode
        def t_7(*unused):
            raise TemplateRuntimeError("No filter named 'reverse' found.")
    try:
        t_8 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_8(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    yield str((undefined(name='marker') if l_0_marker is missing else l_0_marker))
    yield '\n## migrator: '
    yield str(t_5(environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'project'), 'name')))
    yield ' on Cloudflare\n\n'
    l_0_s = environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'summary')
    context.vars['s'] = l_0_s
    context.exported_vars.add('s')
    if ((not environment.getattr((undefined(name='s') if l_0_s is missing else l_0_s), 'services')) and (undefined(name='inactive') if l_0_inactive is missing else l_0_inactive)):
        pass
        yield '**No service is enabled: '
        yield str(context.call((undefined(name='plural') if l_0_plural is missing else l_0_plural), t_3((undefined(name='inactive') if l_0_inactive is missing else l_0_inactive)), 'service'))
        yield ' '
        yield str(('sits' if (t_3((undefined(name='inactive') if l_0_inactive is missing else l_0_inactive)) == 1) else 'sit'))
        yield ' behind the profile'
        yield str(('s' if (t_3((undefined(name='inactive_profiles') if l_0_inactive_profiles is missing else l_0_inactive_profiles)) != 1) else cond_expr_undefined("the inline if-expression on line 6 in 'report.md.j2' evaluated to false and no else section was defined.")))
        yield ' '
        l_1_loop = missing
        for l_1_p, l_1_loop in LoopContext((undefined(name='inactive_profiles') if l_0_inactive_profiles is missing else l_0_inactive_profiles), undefined):
            _loop_vars = {}
            pass
            yield str(t_1(l_1_p))
            yield str((', ' if (not environment.getattr(l_1_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 6 in 'report.md.j2' evaluated to false and no else section was defined.")))
        l_1_loop = l_1_p = missing
        yield ".** Run with `--profile NAME` (or `--profile '*'`) to analyze them.\n"
    else:
        pass
        yield '**'
        yield str(context.call((undefined(name='plural') if l_0_plural is missing else l_0_plural), environment.getattr((undefined(name='s') if l_0_s is missing else l_0_s), 'services'), 'service'))
        yield ' → '
        yield str(context.call((undefined(name='plural') if l_0_plural is missing else l_0_plural), environment.getattr((undefined(name='s') if l_0_s is missing else l_0_s), 'workers'), 'Worker'))
        yield '.**\n'
    if environment.getattr(environment.getattr((undefined(name='s') if l_0_s is missing else l_0_s), 'findings'), 'blocker'):
        pass
        yield '**'
        yield str(context.call((undefined(name='plural') if l_0_plural is missing else l_0_plural), environment.getattr(environment.getattr((undefined(name='s') if l_0_s is missing else l_0_s), 'findings'), 'blocker'), 'blocker'))
        yield '** ('
        yield str(t_2(context.eval_ctx, t_4(context, environment.getattr((undefined(name='s') if l_0_s is missing else l_0_s), 'blocked_services'), 'md'), ', '))
        yield '), '
        yield str(context.call((undefined(name='plural') if l_0_plural is missing else l_0_plural), environment.getattr(environment.getattr((undefined(name='s') if l_0_s is missing else l_0_s), 'findings'), 'warning'), 'warning'))
        yield ', '
        yield str(context.call((undefined(name='plural') if l_0_plural is missing else l_0_plural), environment.getattr(environment.getattr((undefined(name='s') if l_0_s is missing else l_0_s), 'findings'), 'info'), 'note'))
        yield '.\n'
    else:
        pass
        yield 'No blockers; '
        yield str(context.call((undefined(name='plural') if l_0_plural is missing else l_0_plural), environment.getattr(environment.getattr((undefined(name='s') if l_0_s is missing else l_0_s), 'findings'), 'warning'), 'warning'))
        yield ', '
        yield str(context.call((undefined(name='plural') if l_0_plural is missing else l_0_plural), environment.getattr(environment.getattr((undefined(name='s') if l_0_s is missing else l_0_s), 'findings'), 'info'), 'note'))
        yield '.\n'
    yield '\n'
    if (undefined(name='blockers') if l_0_blockers is missing else l_0_blockers):
        pass
        yield '### Blockers\n\n| Service | Rule | What blocks the move | What to do |\n|---|---|---|---|\n'
        for l_1_f in (undefined(name='blockers') if l_0_blockers is missing else l_0_blockers):
            _loop_vars = {}
            pass
            yield '| '
            yield str((t_5(environment.getattr(l_1_f, 'service')) if environment.getattr(l_1_f, 'service') else '(project)'))
            yield ' | '
            yield str(t_1(environment.getattr(l_1_f, 'rule_id')))
            yield ' | '
            yield str(t_5(environment.getattr(l_1_f, 'message')))
            if environment.getattr(l_1_f, 'location'):
                pass
                yield ' ('
                yield str(t_1(str_join((environment.getattr(environment.getattr(l_1_f, 'location'), 'file'), ':', environment.getattr(environment.getattr(l_1_f, 'location'), 'line'), ))))
                yield ')'
            yield ' | '
            yield str(t_5(environment.getattr(l_1_f, 'hint')))
            yield ' |\n'
        l_1_f = missing
        yield '\n'
    if environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'services'):
        pass
        yield '### Services\n\n| Service | Image or build | Becomes | Alternatives | Confidence | Rule |\n|---|---|---|---|---|---|\n'
        for l_1_svc in environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'services'):
            l_1_kind_name = resolve('kind_name')
            _loop_vars = {}
            pass
            yield '| '
            yield str(t_5(environment.getattr(l_1_svc, 'name')))
            yield ' | '
            yield str(t_1((environment.getattr(l_1_svc, 'image') or str_join(('build ', (environment.getattr(l_1_svc, 'build') or '.'), )))))
            yield ' | **'
            yield str(environment.getitem((undefined(name='kind_name') if l_1_kind_name is missing else l_1_kind_name), environment.getattr(environment.getattr(l_1_svc, 'target'), 'kind')))
            yield '** | '
            yield str((t_2(context.eval_ctx, t_4(context, environment.getattr(environment.getattr(l_1_svc, 'target'), 'alternatives'), 'md'), ', ') or '-'))
            yield ' | '
            yield str(environment.getattr(environment.getattr(l_1_svc, 'target'), 'confidence'))
            yield ' | '
            yield str(t_1(environment.getattr(environment.getattr(l_1_svc, 'target'), 'rule_id')))
            yield ' |\n'
        l_1_svc = l_1_kind_name = missing
        yield '\n### Before and after\n\n```mermaid\nflowchart LR\n  subgraph before["Compose today"]\n'
        l_1_loop = missing
        for l_1_svc, l_1_loop in LoopContext(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'services'), undefined):
            _loop_vars = {}
            pass
            yield '    b'
            yield str(environment.getattr(l_1_loop, 'index'))
            yield '["'
            yield str(t_6(environment.getattr(l_1_svc, 'name')))
            yield '"]\n'
        l_1_loop = l_1_svc = missing
        yield '  end\n  subgraph after["On Cloudflare"]\n'
        l_1_loop = missing
        for l_1_svc, l_1_loop in LoopContext(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'services'), undefined):
            l_1_kind_name = resolve('kind_name')
            _loop_vars = {}
            pass
            yield '    a'
            yield str(environment.getattr(l_1_loop, 'index'))
            yield '["'
            yield str(t_6(environment.getattr(l_1_svc, 'name')))
            yield ': '
            yield str(t_6(environment.getitem((undefined(name='kind_name') if l_1_kind_name is missing else l_1_kind_name), environment.getattr(environment.getattr(l_1_svc, 'target'), 'kind'))))
            yield '"]\n'
        l_1_loop = l_1_svc = l_1_kind_name = missing
        yield '  end\n'
        for (l_1_a, l_1_b) in (undefined(name='before_edges') if l_0_before_edges is missing else l_0_before_edges):
            _loop_vars = {}
            pass
            yield '  b'
            yield str(l_1_a)
            yield ' --> b'
            yield str(l_1_b)
            yield '\n'
        l_1_a = l_1_b = missing
        for (l_1_a, l_1_b, l_1_kind) in (undefined(name='after_edges') if l_0_after_edges is missing else l_0_after_edges):
            _loop_vars = {}
            pass
            yield '  a'
            yield str(l_1_a)
            yield ' -- "'
            yield str(t_6(l_1_kind))
            yield '" --> a'
            yield str(l_1_b)
            yield '\n'
        l_1_a = l_1_b = l_1_kind = missing
        yield '```\n'
    yield '\n'
    if environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'workers'):
        pass
        yield '### Workers\n\n'
        l_1_loop = missing
        for l_1_w, l_1_loop in LoopContext(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'workers'), undefined):
            _loop_vars = {}
            pass
            yield '**'
            yield str(t_1(environment.getattr(l_1_w, 'name')))
            yield '** ('
            yield str(t_2(context.eval_ctx, t_4(context, environment.getattr(l_1_w, 'services'), 'md'), ', '))
            yield ', '
            yield str(environment.getattr(l_1_w, 'language'))
            yield ', `'
            yield str(environment.getattr(l_1_w, 'main'))
            yield '`)\n'
            if environment.getattr(l_1_w, 'routes'):
                pass
                yield '- Routes: '
                l_2_loop = missing
                for l_2_r, l_2_loop in LoopContext(environment.getattr(l_1_w, 'routes'), undefined):
                    _loop_vars = {}
                    pass
                    yield str(t_1(environment.getattr(l_2_r, 'pattern')))
                    if environment.getattr(l_2_r, 'custom_domain'):
                        pass
                        yield ' (custom domain)'
                    yield str((', ' if (not environment.getattr(l_2_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 64 in 'report.md.j2' evaluated to false and no else section was defined.")))
                l_2_loop = l_2_r = missing
                yield '\n'
            if environment.getattr(l_1_w, 'container'):
                pass
                yield '- Container: HTTP on port '
                yield str(environment.getattr(environment.getattr(l_1_w, 'container'), 'port'))
                if environment.getattr(environment.getattr(l_1_w, 'container'), 'port_reason'):
                    pass
                    yield ', '
                    yield str(t_5(environment.getattr(environment.getattr(l_1_w, 'container'), 'port_reason')))
                yield '\n'
            if environment.getattr(l_1_w, 'crons'):
                pass
                yield '- Cron Triggers: '
                l_2_loop = missing
                for l_2_c, l_2_loop in LoopContext(environment.getattr(l_1_w, 'crons'), undefined):
                    _loop_vars = {}
                    pass
                    yield str(t_1(l_2_c))
                    yield str((', ' if (not environment.getattr(l_2_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 72 in 'report.md.j2' evaluated to false and no else section was defined.")))
                l_2_loop = l_2_c = missing
                yield '\n'
            if environment.getattr(l_1_w, 'bindings'):
                pass
                yield '- Bindings: '
                l_2_loop = missing
                for l_2_b, l_2_loop in LoopContext(environment.getattr(l_1_w, 'bindings'), undefined):
                    _loop_vars = {}
                    pass
                    yield str(t_1(environment.getattr(l_2_b, 'binding')))
                    yield ' ('
                    yield str(environment.getattr(l_2_b, 'type'))
                    if environment.getattr(l_2_b, 'service'):
                        pass
                        yield ' → '
                        yield str(t_5(environment.getattr(l_2_b, 'service')))
                    yield ')'
                    yield str((', ' if (not environment.getattr(l_2_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 76 in 'report.md.j2' evaluated to false and no else section was defined.")))
                l_2_loop = l_2_b = missing
                yield '\n'
            if environment.getattr(l_1_w, 'queue_consumers'):
                pass
                yield '- Consumes: '
                l_2_loop = missing
                for l_2_q, l_2_loop in LoopContext(environment.getattr(l_1_w, 'queue_consumers'), undefined):
                    _loop_vars = {}
                    pass
                    yield str(t_1(l_2_q))
                    yield str((', ' if (not environment.getattr(l_2_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 80 in 'report.md.j2' evaluated to false and no else section was defined.")))
                l_2_loop = l_2_q = missing
                yield '\n'
            if environment.getattr(l_1_w, 'router_notes'):
                pass
                yield '- Its router must: '
                l_2_loop = missing
                for l_2_n, l_2_loop in LoopContext(environment.getattr(l_1_w, 'router_notes'), undefined):
                    _loop_vars = {}
                    pass
                    yield str(t_5(l_2_n))
                    yield str(('; ' if (not environment.getattr(l_2_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 84 in 'report.md.j2' evaluated to false and no else section was defined.")))
                l_2_loop = l_2_n = missing
                yield '\n'
            yield '\n'
        l_1_loop = l_1_w = missing
    if (undefined(name='secrets') if l_0_secrets is missing else l_0_secrets):
        pass
        yield '### Secrets to set\n\n'
        for (l_1_worker, l_1_name) in (undefined(name='secrets') if l_0_secrets is missing else l_0_secrets):
            l_1_secret_command = resolve('secret_command')
            _loop_vars = {}
            pass
            yield '- '
            yield str(context.call((undefined(name='secret_command') if l_1_secret_command is missing else l_1_secret_command), l_1_name, l_1_worker, _loop_vars=_loop_vars))
            yield '\n'
        l_1_worker = l_1_name = l_1_secret_command = missing
        yield '\n'
    yield str(context.call((undefined(name='reached') if l_0_reached is missing else l_0_reached), 'details'))
    yield '### Effort\n\n'
    l_0_e = environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'effort')
    context.vars['e'] = l_0_e
    context.exported_vars.add('e')
    l_1_loop = missing
    for l_1_c, l_1_loop in LoopContext(t_7(environment.getattr((undefined(name='e') if l_0_e is missing else l_0_e), 'classes')), undefined):
        _loop_vars = {}
        pass
        yield '**'
        yield str(environment.getitem(environment.getattr((undefined(name='e') if l_0_e is missing else l_0_e), 'totals'), l_1_c))
        yield '** '
        yield str(l_1_c)
        yield str((' · ' if (not environment.getattr(l_1_loop, 'last')) else '.'))
    l_1_loop = l_1_c = missing
    yield ' Classes per service, never hours: none (Cloudflare does it or it is dropped), small (drop-in or configuration), medium (the calls to one service change), large (a rewrite, or no home).\n\n| Wave | Services | large | medium | small | none |\n|---|---|---|---|---|---|\n'
    l_1_loop = missing
    for l_1_w, l_1_loop in LoopContext(environment.getattr((undefined(name='e') if l_0_e is missing else l_0_e), 'waves'), undefined):
        _loop_vars = {}
        pass
        yield '| '
        yield str(environment.getattr(l_1_w, 'wave'))
        yield ' | '
        if (undefined(name='details') if l_0_details is missing else l_0_details):
            pass
            l_2_loop = missing
            for l_2_name, l_2_loop in LoopContext(environment.getattr(l_1_w, 'services'), undefined):
                l_2_effort_of = resolve('effort_of')
                _loop_vars = {}
                pass
                yield str(t_5(l_2_name))
                if context.call(environment.getattr((undefined(name='effort_of') if l_2_effort_of is missing else l_2_effort_of), 'get'), l_2_name, _loop_vars=_loop_vars):
                    pass
                    yield ' ('
                    yield str(environment.getitem((undefined(name='effort_of') if l_2_effort_of is missing else l_2_effort_of), l_2_name))
                    yield ')'
                yield str((', ' if (not environment.getattr(l_2_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 107 in 'report.md.j2' evaluated to false and no else section was defined.")))
            l_2_loop = l_2_name = l_2_effort_of = missing
        else:
            pass
            yield str(t_3(environment.getattr(l_1_w, 'services')))
            yield ' services'
        yield ' | '
        yield str(environment.getattr(environment.getattr(l_1_w, 'totals'), 'large'))
        yield ' | '
        yield str(environment.getattr(environment.getattr(l_1_w, 'totals'), 'medium'))
        yield ' | '
        yield str(environment.getattr(environment.getattr(l_1_w, 'totals'), 'small'))
        yield ' | '
        yield str(environment.getattr(environment.getattr(l_1_w, 'totals'), 'none'))
        yield ' |\n'
    l_1_loop = l_1_w = missing
    yield '\n'
    l_0_c = environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'cost')
    context.vars['c'] = l_0_c
    context.exported_vars.add('c')
    yield '### Monthly bill on Cloudflare\n\n**'
    yield str(t_5(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'headline')))
    yield '** ('
    yield str(t_5(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'plan')))
    yield ', '
    yield str(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'currency'))
    if environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'usage_file'):
        pass
        yield ', usage from '
        yield str(t_1(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'usage_file')))
    else:
        pass
        yield '; no usage file: `migrator cost --usage FILE`'
    yield ').\n\n'
    if (undefined(name='details') if l_0_details is missing else l_0_details):
        pass
        yield '<details><summary>The bill, line by line ('
        yield str(t_3(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'lines')))
        yield ' lines)</summary>\n\n| Product | Item | How | Amount |\n|---|---|---|---:|\n'
        for l_1_line in environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'lines'):
            _loop_vars = {}
            pass
            yield '| '
            yield str(t_5(environment.getattr(l_1_line, 'product')))
            yield ' | '
            yield str(t_5(environment.getattr(l_1_line, 'item')))
            yield ' | '
            yield str(t_5(environment.getattr(l_1_line, 'formula')))
            yield ' | '
            yield str((str_join(('$', environment.getattr(l_1_line, 'amount'), )) if (not t_8(environment.getattr(l_1_line, 'amount'))) else 'no figure'))
            yield ' |\n'
        l_1_line = missing
        yield '| **Total** | | '
        yield str(('lines with a figure' if (not environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'complete')) else ''))
        yield ' | **$'
        yield str(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'total'))
        yield "** |\n\nPrices from `rules/pricing.yaml` (Cloudflare's pricing pages, each price dated).\n\n</details>\n\n"
    yield '### Next steps\n\n'
    if environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'services'):
        pass
        yield '1. Review the targets above; pin any you disagree with with `x-migrator: {target: ...}` on the service.\n'
    else:
        pass
        yield "1. Enable the services' profiles with `--profile NAME` and run migrator again.\n"
    if environment.getattr(environment.getattr((undefined(name='s') if l_0_s is missing else l_0_s), 'findings'), 'blocker'):
        pass
        yield '1. Resolve the blockers, or keep those services where they are.\n'
    if (undefined(name='worker_waves') if l_0_worker_waves is missing else l_0_worker_waves):
        pass
        yield '1. Run `migrator analyze --out plan/` and deploy each Worker with `npx wrangler deploy` from its folder'
        if (t_3((undefined(name='worker_waves') if l_0_worker_waves is missing else l_0_worker_waves)) > 1):
            pass
            yield ', wave by wave: '
            l_1_loop = missing
            for l_1_wave, l_1_loop in LoopContext((undefined(name='worker_waves') if l_0_worker_waves is missing else l_0_worker_waves), undefined):
                _loop_vars = {}
                pass
                yield str(t_2(context.eval_ctx, t_4(context, l_1_wave, 'code'), ', '))
                yield str((' → ' if (not environment.getattr(l_1_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 141 in 'report.md.j2' evaluated to false and no else section was defined.")))
            l_1_loop = l_1_wave = missing
        else:
            pass
            yield ': '
            yield str(t_2(context.eval_ctx, t_4(context, environment.getitem((undefined(name='worker_waves') if l_0_worker_waves is missing else l_0_worker_waves), 0), 'code'), ', '))
        yield '.\n'
    if (undefined(name='secrets') if l_0_secrets is missing else l_0_secrets):
        pass
        yield '1. Set the secrets listed above.\n'
    yield '\n'
    if (undefined(name='details') if l_0_details is missing else l_0_details):
        pass
        if ((undefined(name='warnings') if l_0_warnings is missing else l_0_warnings) or (undefined(name='infos') if l_0_infos is missing else l_0_infos)):
            pass
            yield '<details><summary>All findings ('
            yield str(context.call((undefined(name='plural') if l_0_plural is missing else l_0_plural), t_3((undefined(name='warnings') if l_0_warnings is missing else l_0_warnings)), 'warning'))
            yield ', '
            yield str(context.call((undefined(name='plural') if l_0_plural is missing else l_0_plural), t_3((undefined(name='infos') if l_0_infos is missing else l_0_infos)), 'note'))
            yield ')</summary>\n\n| Severity | Service | Rule | Finding | What to do | Where |\n|---|---|---|---|---|---|\n'
            for l_1_f in ((undefined(name='warnings') if l_0_warnings is missing else l_0_warnings) + (undefined(name='infos') if l_0_infos is missing else l_0_infos)):
                _loop_vars = {}
                pass
                yield '| '
                yield str(environment.getattr(l_1_f, 'severity'))
                yield ' | '
                yield str((t_5(environment.getattr(l_1_f, 'service')) if environment.getattr(l_1_f, 'service') else '(project)'))
                yield ' | '
                yield str(t_1(environment.getattr(l_1_f, 'rule_id')))
                yield ' | '
                yield str(t_5(environment.getattr(l_1_f, 'message')))
                yield ' | '
                yield str(t_5(environment.getattr(l_1_f, 'hint')))
                yield ' | '
                if environment.getattr(l_1_f, 'location'):
                    pass
                    yield str(t_1(str_join((environment.getattr(environment.getattr(l_1_f, 'location'), 'file'), ':', environment.getattr(environment.getattr(l_1_f, 'location'), 'line'), ))))
                yield ' |\n'
            l_1_f = missing
            yield '\n</details>\n\n'
        if environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'services'):
            pass
            yield '<details><summary>Why each service becomes what it does</summary>\n\n'
            for l_1_svc in environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'services'):
                l_1_kind_name = resolve('kind_name')
                _loop_vars = {}
                pass
                yield '- **'
                yield str(t_5(environment.getattr(l_1_svc, 'name')))
                yield '** → '
                yield str(environment.getitem((undefined(name='kind_name') if l_1_kind_name is missing else l_1_kind_name), environment.getattr(environment.getattr(l_1_svc, 'target'), 'kind')))
                yield ' ('
                yield str(t_1(environment.getattr(environment.getattr(l_1_svc, 'target'), 'rule_id')))
                yield ', '
                yield str(environment.getattr(environment.getattr(l_1_svc, 'target'), 'confidence'))
                yield '): '
                yield str(t_5(environment.getattr(environment.getattr(l_1_svc, 'target'), 'rationale')))
                yield '\n'
            l_1_svc = l_1_kind_name = missing
            yield '\n</details>\n'
        yield '\n'
        if environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'edges'):
            pass
            yield '<details><summary>Service graph ('
            yield str(context.call((undefined(name='plural') if l_0_plural is missing else l_0_plural), t_3(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'edges')), 'edge'))
            yield ')</summary>\n\n| From | To | Kind | Evidence |\n|---|---|---|---|\n'
            for l_1_e in environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'edges'):
                _loop_vars = {}
                pass
                yield '| '
                yield str(t_5(environment.getattr(l_1_e, 'source')))
                yield ' | '
                yield str(t_5(environment.getattr(l_1_e, 'target')))
                yield ' | '
                yield str(environment.getattr(l_1_e, 'kind'))
                yield ' | '
                yield str(t_5(environment.getattr(l_1_e, 'evidence')))
                yield ' |\n'
            l_1_e = missing
            yield '\n</details>\n'
    elif (undefined(name='truncated') if l_0_truncated is missing else l_0_truncated):
        pass
        yield '_Details were cut to keep this comment under 65,536 characters; run `migrator analyze --format json` for everything._\n'

blocks = {}
debug_info = '1=75&2=77&4=79&5=82&6=85&8=102&10=106&11=109&13=120&16=125&21=128&22=132&26=147&31=150&32=155&40=170&41=174&45=181&46=186&49=194&50=198&52=203&53=207&58=216&61=220&62=224&63=232&64=236&67=246&68=249&71=255&72=259&75=266&76=270&79=284&80=288&83=295&84=299&90=308&93=311&94=316&98=320&100=322&101=326&106=337&107=341&110=373&113=377&115=390&116=393&120=395&121=399&123=409&132=414&137=420&140=423&141=426&143=441&147=445&148=447&149=450&153=454&154=458&160=474&163=477&164=482&170=495&171=498&175=500&176=504&181=514'