# Made by `python -m migrator.emit.compile_templates`; do not edit.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'report.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_doc = resolve('doc')
    l_0_readiness = resolve('readiness')
    l_0_blockers = resolve('blockers')
    l_0_picture = resolve('picture')
    l_0_svg_body = resolve('svg_body')
    l_0_kinds_used = resolve('kinds_used')
    l_0_service_rows = resolve('service_rows')
    l_0_wave_blocks = resolve('wave_blocks')
    l_0_effort_rows = resolve('effort_rows')
    l_0_worker_cards = resolve('worker_cards')
    l_0_secrets = resolve('secrets')
    l_0_finding_groups = resolve('finding_groups')
    l_0_s = l_0_r = l_0_cost = l_0_p = missing
    try:
        t_1 = environment.filters['effort_text']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'effort_text' found.")
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
        t_4 = environment.filters['plural']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'plural' found.")
    try:
        t_5 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    yield '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; script-src \'unsafe-inline\'; img-src data:">\n<title>migrator audit: '
    yield escape(environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'project'), 'name'))
    yield ' on Cloudflare</title>\n<style>\n:root { --ink: #1b1b1b; --muted: #555; --line: #d0d0d0; --accent: #f38020; --bad: #b3261e; --warn: #8a5a00; --ok: #1e6b35; }\n* { box-sizing: border-box; }\nbody { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }\nmain { max-width: 1180px; margin: 0 auto; padding: 24px 24px 64px; }\nh1 { font-size: 1.6rem; margin: 0 0 4px; }\nh2 { font-size: 1.2rem; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }\nh3 { font-size: 1rem; margin: 16px 0 4px; }\np { margin: 4px 0 8px; }\ncode { font: 0.9em ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; background: #f4f4f4; padding: 0 3px; border-radius: 3px; overflow-wrap: anywhere; }\ntd code { overflow-wrap: break-word; }\n.meta { color: var(--muted); margin: 0 0 16px; }\n.verdict { display: grid; grid-template-columns: minmax(220px, 300px) 1fr; gap: 24px; align-items: center; border: 1px solid var(--line); border-left: 8px solid var(--ok); border-radius: 6px; padding: 16px 20px; }\n.verdict.blocked { border-left-color: var(--bad); }\n.figure { font-size: 3rem; font-weight: 700; line-height: 1; }\n.figure small { font-size: 1rem; font-weight: 400; color: var(--muted); display: block; margin-top: 6px; }\n.facts { display: flex; flex-wrap: wrap; gap: 8px 24px; margin: 0; padding: 0; list-style: none; }\n.facts li { min-width: 120px; }\n.facts b { display: block; font-size: 1.3rem; }\n.how { color: var(--muted); font-size: 0.9rem; }\ntable { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 14px; }\n.scroll { overflow-x: auto; }\nth, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); overflow-wrap: break-word; }\ntd.nowrap, td.nowrap code { white-space: nowrap; }\nth { background: #f7f7f7; font-weight: 600; white-space: nowrap; }\nth button { all: unset; cursor: pointer; font-weight: 600; }\nth button:focus-visible { outline: 2px solid var(--accent); }\nth[aria-sort="ascending"] button::after { content: " ▲"; }\nth[aria-sort="descending"] button::after { content: " ▼"; }\ntd.num, th.num { text-align: right; }\n.sev-blocker { color: var(--bad); font-weight: 700; }\n.sev-warning { color: var(--warn); font-weight: 600; }\n.sev-info { color: var(--muted); }\n.kind { display: inline-block; padding: 0 6px; border-radius: 4px; border: 1px solid #0002; white-space: nowrap; }\n.effort { white-space: nowrap; }\n.blocker { border: 1px solid #e3b4b0; background: #fdf3f2; border-radius: 6px; padding: 8px 12px; margin: 8px 0; }\n.toolbar { display: flex; gap: 12px; align-items: center; margin: 8px 0; }\n.toolbar input { font: inherit; padding: 4px 8px; min-width: 280px; border: 1px solid #999; border-radius: 4px; }\n.waves { display: grid; grid-template-columns: repeat(auto-fill, minmax(250px, 1fr)); gap: 12px; }\n.wave { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; }\n.wave h3 { margin-top: 0; }\n.wave ul, .workers ul { margin: 4px 0; padding-left: 18px; }\n.workers { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 12px; }\n.worker { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; }\n.worker h3 { margin-top: 0; }\nfigure { margin: 8px 0; overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; }\nfigcaption { color: var(--muted); font-size: 0.9rem; padding: 4px 8px; }\nsvg text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; fill: #1b1b1b; }\nsvg .panel-title { font-size: 14px; font-weight: 700; }\nsvg .wave-title { fill: #555; }\nsvg .link { fill: none; stroke: #7a7a7a; stroke-width: 1.2; opacity: 0.7; }\nsvg .link.after { stroke: #c25e00; }\nsvg rect.box { stroke: #0004; }\nsvg .blocked rect.box { stroke: #b3261e; stroke-width: 2.5; }\n.legend { display: flex; flex-wrap: wrap; gap: 6px 12px; padding: 4px 8px; font-size: 0.9rem; }\ndetails summary { cursor: pointer; font-weight: 600; margin: 8px 0; }\n.total td { font-weight: 700; }\n[hidden] { display: none !important; }\n@media print {\n  body { font-size: 11pt; }\n  main { max-width: none; padding: 0; }\n  .toolbar, .no-print { display: none !important; }\n  h2 { break-after: avoid; }\n  tr, .worker, .wave, .blocker, figure { break-inside: avoid; }\n  details { display: block; }\n  details > summary { list-style: none; }\n  figure { overflow: visible; border: none; }\n  figure svg { max-width: 100%; height: auto; }\n  a { color: inherit; text-decoration: none; }\n}\n</style>\n</head>\n<body>\n<main>\n'
    l_0_s = environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'summary')
    context.vars['s'] = l_0_s
    context.exported_vars.add('s')
    l_0_r = (undefined(name='readiness') if l_0_readiness is missing else l_0_readiness)
    context.vars['r'] = l_0_r
    context.exported_vars.add('r')
    l_0_cost = environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'cost')
    context.vars['cost'] = l_0_cost
    context.exported_vars.add('cost')
    yield '<header>\n<h1>'
    yield escape(environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'project'), 'name'))
    yield ' on Cloudflare: migration audit</h1>\n<p class="meta">From '
    l_1_loop = missing
    for l_1_f, l_1_loop in LoopContext(environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'project'), 'files'), undefined):
        _loop_vars = {}
        pass
        yield '<code>'
        yield escape(l_1_f)
        yield '</code>'
        yield escape((', ' if (not environment.getattr(l_1_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 87 in 'report.html.j2' evaluated to false and no else section was defined.")))
    l_1_loop = l_1_f = missing
    yield ' · '
    yield escape(t_4(environment.getattr((undefined(name='s') if l_0_s is missing else l_0_s), 'services'), 'service'))
    yield ' → '
    yield escape(t_4(environment.getattr((undefined(name='s') if l_0_s is missing else l_0_s), 'workers'), 'Worker'))
    yield ' · made by migrator</p>\n</header>\n\n<section aria-labelledby="verdict-h">\n<h2 id="verdict-h">Verdict</h2>\n<div class="verdict'
    if (undefined(name='blockers') if l_0_blockers is missing else l_0_blockers):
        pass
        yield ' blocked'
    yield '">\n<div>\n<div class="figure">'
    yield escape(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'percent'))
    yield '%<small>ready: '
    yield escape(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'ready'))
    yield ' of '
    yield escape(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'total'))
    yield ' services can move as planned</small></div>\n</div>\n<div>\n<p><strong>'
    if (undefined(name='blockers') if l_0_blockers is missing else l_0_blockers):
        pass
        yield 'Not ready: '
        yield escape(t_4(t_3((undefined(name='blockers') if l_0_blockers is missing else l_0_blockers)), 'blocker'))
        if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'blocked'):
            pass
            yield ' in '
            yield escape(t_2(context.eval_ctx, environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'blocked'), ', '))
        yield '. Fix them first.'
    elif environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'no_home'):
        pass
        yield 'Ready, except '
        yield escape(t_4(t_3(environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'no_home')), 'service'))
        yield ' with no Cloudflare home ('
        yield escape(t_2(context.eval_ctx, environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'no_home'), ', '))
        yield ').'
    else:
        pass
        yield 'Ready to move: no blockers.'
    yield '</strong></p>\n<ul class="facts">\n<li><b>'
    yield escape(environment.getattr(environment.getattr((undefined(name='s') if l_0_s is missing else l_0_s), 'findings'), 'blocker'))
    yield '</b>blockers</li>\n<li><b>'
    yield escape(environment.getattr(environment.getattr((undefined(name='s') if l_0_s is missing else l_0_s), 'findings'), 'warning'))
    yield '</b>warnings</li>\n<li><b>'
    yield escape(t_3(environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'effort'), 'waves')))
    yield '</b>waves</li>\n<li><b>'
    yield escape(t_1(environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'effort'), 'totals'), ' · '))
    yield '</b>effort</li>\n<li><b>'
    if environment.getattr((undefined(name='cost') if l_0_cost is missing else l_0_cost), 'complete'):
        pass
        yield '$'
        yield escape(environment.getattr((undefined(name='cost') if l_0_cost is missing else l_0_cost), 'total'))
    else:
        pass
        yield '≥ $'
        yield escape(environment.getattr((undefined(name='cost') if l_0_cost is missing else l_0_cost), 'total'))
    yield '</b>a month on Cloudflare'
    if environment.getattr((undefined(name='cost') if l_0_cost is missing else l_0_cost), 'current_cost'):
        pass
        yield ' (today $'
        yield escape(environment.getattr((undefined(name='cost') if l_0_cost is missing else l_0_cost), 'current_cost'))
        yield ')'
    yield '</li>\n</ul>\n<p class="how">Readiness = services with a Cloudflare target (not “no home”; “built in” counts: Cloudflare does its job) and no blocker ÷ all services'
    if environment.getattr((undefined(name='r') if l_0_r is missing else l_0_r), 'project_blockers'):
        pass
        yield '; a blocker on the whole project makes it 0'
    yield '.</p>\n</div>\n</div>\n</section>\n\n'
    if (undefined(name='blockers') if l_0_blockers is missing else l_0_blockers):
        pass
        yield '<section aria-labelledby="blockers-h">\n<h2 id="blockers-h">Blockers ('
        yield escape(t_3((undefined(name='blockers') if l_0_blockers is missing else l_0_blockers)))
        yield ')</h2>\n'
        for l_1_f in (undefined(name='blockers') if l_0_blockers is missing else l_0_blockers):
            _loop_vars = {}
            pass
            yield '<div class="blocker">\n<p><span class="sev-blocker">Blocker</span> <code>'
            yield escape(environment.getattr(l_1_f, 'rule_id'))
            yield '</code>'
            if environment.getattr(l_1_f, 'service'):
                pass
                yield ' in <strong>'
                yield escape(environment.getattr(l_1_f, 'service'))
                yield '</strong>'
            if environment.getattr(l_1_f, 'location'):
                pass
                yield ' at <code>'
                yield escape(environment.getattr(environment.getattr(l_1_f, 'location'), 'file'))
                yield ':'
                yield escape(environment.getattr(environment.getattr(l_1_f, 'location'), 'line'))
                yield '</code>'
            yield '</p>\n<p>'
            yield escape(environment.getattr(l_1_f, 'message'))
            yield '</p>\n'
            if environment.getattr(l_1_f, 'hint'):
                pass
                yield '<p><strong>Fix:</strong> '
                yield escape(environment.getattr(l_1_f, 'hint'))
                yield '</p>'
            yield '</div>\n'
        l_1_f = missing
        yield '</section>\n'
    yield '\n<section aria-labelledby="picture-h">\n<h2 id="picture-h">Before and after</h2>\n'
    l_0_p = (undefined(name='picture') if l_0_picture is missing else l_0_picture)
    context.vars['p'] = l_0_p
    context.exported_vars.add('p')
    yield '<figure>\n<svg id="picture" xmlns="http://www.w3.org/2000/svg" width="'
    yield escape(environment.getattr((undefined(name='p') if l_0_p is missing else l_0_p), 'width'))
    yield '" height="'
    yield escape(environment.getattr((undefined(name='p') if l_0_p is missing else l_0_p), 'height'))
    yield '" viewBox="0 0 '
    yield escape(environment.getattr((undefined(name='p') if l_0_p is missing else l_0_p), 'width'))
    yield ' '
    yield escape(environment.getattr((undefined(name='p') if l_0_p is missing else l_0_p), 'height'))
    yield '" role="img" aria-labelledby="picture-title picture-desc">\n<title id="picture-title">'
    yield escape(environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'project'), 'name'))
    yield ': Compose services today and what they become on Cloudflare, by migration wave</title>\n<desc id="picture-desc">Left: each Compose service, with lines for the dependencies found between them. Right: what each service becomes, with lines for the Workers\' bindings. Columns are migration waves, first to last.</desc>\n'
    for (l_1_title, l_1_x, l_1_w) in environment.getattr((undefined(name='p') if l_0_p is missing else l_0_p), 'panels'):
        _loop_vars = {}
        pass
        yield '<text class="panel-title" x="'
        yield escape(l_1_x)
        yield '" y="20">'
        yield escape(l_1_title)
        yield '</text>\n'
    l_1_title = l_1_x = l_1_w = missing
    for (l_1_title, l_1_x, l_1_w) in environment.getattr((undefined(name='p') if l_0_p is missing else l_0_p), 'columns'):
        _loop_vars = {}
        pass
        yield '<text class="wave-title" x="'
        yield escape(l_1_x)
        yield '" y="46">'
        yield escape(l_1_title)
        yield '</text>\n'
    l_1_title = l_1_x = l_1_w = missing
    yield escape((undefined(name='svg_body') if l_0_svg_body is missing else l_0_svg_body))
    yield '</svg>\n<div class="legend" aria-label="Colours on the right">'
    for l_1_k in (undefined(name='kinds_used') if l_0_kinds_used is missing else l_0_kinds_used):
        l_1_kind_colour = resolve('kind_colour')
        l_1_kind_label = resolve('kind_label')
        _loop_vars = {}
        pass
        yield '<span><span class="kind" style="background: '
        yield escape(environment.getitem((undefined(name='kind_colour') if l_1_kind_colour is missing else l_1_kind_colour), l_1_k))
        yield '">'
        yield escape(environment.getitem((undefined(name='kind_label') if l_1_kind_label is missing else l_1_kind_label), l_1_k))
        yield '</span></span>'
    l_1_k = l_1_kind_colour = l_1_kind_label = missing
    yield '</div>\n<figcaption>Columns are migration waves: a service moves after what it depends on. A red border marks a service with a blocker. Hover a box or a line for details.</figcaption>\n</figure>\n</section>\n\n<section aria-labelledby="services-h">\n<h2 id="services-h">Services ('
    yield escape(t_3(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'services')))
    yield ')</h2>\n<div class="toolbar no-print">\n<label for="filter">Filter</label>\n<input id="filter" type="search" placeholder="service, target, rule, effort…" aria-controls="services" autocomplete="off">\n<span id="filter-count" aria-live="polite"></span>\n</div>\n<div class="scroll">\n<table id="services" class="sortable">\n<thead><tr>\n<th scope="col"><button type="button">Service</button></th>\n<th scope="col"><button type="button">Becomes</button></th>\n<th scope="col"><button type="button">Effort</button></th>\n<th scope="col" class="num"><button type="button">Wave</button></th>\n<th scope="col" class="num"><button type="button">Findings</button></th>\n<th scope="col"><button type="button">Alternatives</button></th>\n<th scope="col"><button type="button">Confidence</button></th>\n<th scope="col"><button type="button">Image or build</button></th>\n<th scope="col"><button type="button">Rule</button></th>\n<th scope="col"><button type="button">Where</button></th>\n</tr></thead>\n<tbody>\n'
    yield escape((undefined(name='service_rows') if l_0_service_rows is missing else l_0_service_rows))
    yield '</tbody>\n</table>\n</div>\n</section>\n\n<section aria-labelledby="plan-h">\n<h2 id="plan-h">The plan, wave by wave</h2>\n<p>Each wave moves after the ones before it: a service goes once what it depends on is in place. Effort is a class per service (see <a href="#effort-h">Effort</a>), never hours.</p>\n<div class="waves">\n'
    yield escape((undefined(name='wave_blocks') if l_0_wave_blocks is missing else l_0_wave_blocks))
    yield '</div>\n</section>\n\n<section aria-labelledby="effort-h">\n<h2 id="effort-h">Effort</h2>\n<p><strong>'
    yield escape(t_1(environment.getattr(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'effort'), 'totals'), ' · '))
    yield '</strong>. Each service gets a class from the rule that decided its target (or its <code>x-migrator: {effort: …}</code>): <strong>none</strong> Cloudflare already does it or it is dropped; <strong>small</strong> drop-in or configuration; <strong>medium</strong> the calls to one service change; <strong>large</strong> a rewrite, or no home.</p>\n<details>\n<summary>Why each service has its class</summary>\n<table>\n<thead><tr><th scope="col">Service</th><th scope="col">Effort</th><th scope="col">Why</th><th scope="col">Said by</th></tr></thead>\n<tbody>\n'
    yield escape((undefined(name='effort_rows') if l_0_effort_rows is missing else l_0_effort_rows))
    yield '</tbody>\n</table>\n</details>\n</section>\n\n<section aria-labelledby="cost-h">\n<h2 id="cost-h">Monthly bill on Cloudflare</h2>\n<p><strong>'
    yield escape(environment.getattr((undefined(name='cost') if l_0_cost is missing else l_0_cost), 'headline'))
    yield '</strong> ('
    yield escape(environment.getattr((undefined(name='cost') if l_0_cost is missing else l_0_cost), 'plan'))
    yield ', '
    yield escape(environment.getattr((undefined(name='cost') if l_0_cost is missing else l_0_cost), 'currency'))
    if environment.getattr((undefined(name='cost') if l_0_cost is missing else l_0_cost), 'usage_file'):
        pass
        yield ', usage from <code>'
        yield escape(environment.getattr((undefined(name='cost') if l_0_cost is missing else l_0_cost), 'usage_file'))
        yield '</code>'
    else:
        pass
        yield '; no usage file: give one with <code>--usage FILE</code>'
    yield ').</p>\n<table id="bill">\n<thead><tr><th scope="col">Product</th><th scope="col">Item</th><th scope="col">How it is computed</th><th scope="col" class="num">Amount</th></tr></thead>\n<tbody>\n'
    for l_1_line in environment.getattr((undefined(name='cost') if l_0_cost is missing else l_0_cost), 'lines'):
        _loop_vars = {}
        pass
        yield '<tr><td>'
        yield escape(environment.getattr(l_1_line, 'product'))
        yield '</td><td><a href="'
        yield escape(environment.getattr(l_1_line, 'source'))
        yield '" title="price of '
        yield escape(environment.getattr(l_1_line, 'date'))
        yield '">'
        yield escape(environment.getattr(l_1_line, 'item'))
        yield '</a></td><td>'
        yield escape(environment.getattr(l_1_line, 'formula'))
        yield '</td><td class="num">'
        yield escape((markup_join(('$', environment.getattr(l_1_line, 'amount'), )) if (not t_5(environment.getattr(l_1_line, 'amount'))) else 'no figure'))
        yield '</td></tr>\n'
    l_1_line = missing
    yield '<tr class="total"><td>Total</td><td></td><td>'
    yield escape(('lines with a figure' if (not environment.getattr((undefined(name='cost') if l_0_cost is missing else l_0_cost), 'complete')) else ''))
    yield '</td><td class="num">$'
    yield escape(environment.getattr((undefined(name='cost') if l_0_cost is missing else l_0_cost), 'total'))
    yield '</td></tr>\n</tbody>\n</table>\n'
    if environment.getattr((undefined(name='cost') if l_0_cost is missing else l_0_cost), 'unused_figures'):
        pass
        yield '<p><strong>Not used by this plan</strong> (a typo, or a figure for another kind): '
        l_1_loop = missing
        for l_1_u, l_1_loop in LoopContext(environment.getattr((undefined(name='cost') if l_0_cost is missing else l_0_cost), 'unused_figures'), undefined):
            _loop_vars = {}
            pass
            yield '<code>'
            yield escape(l_1_u)
            yield '</code>'
            yield escape((', ' if (not environment.getattr(l_1_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 205 in 'report.html.j2' evaluated to false and no else section was defined.")))
        l_1_loop = l_1_u = missing
        yield '</p>'
    yield '<p class="how">Prices are in <code>rules/pricing.yaml</code>, each with its date and Cloudflare source; allowances are the Workers Paid plan\'s, subtracted once for the account. Each amount is rounded to the cent; the total adds the rounded lines.</p>\n</section>\n\n'
    if environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'workers'):
        pass
        yield '<section aria-labelledby="workers-h">\n<h2 id="workers-h">Workers ('
        yield escape(t_3(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'workers')))
        yield ')</h2>\n<div class="workers">\n'
        yield escape((undefined(name='worker_cards') if l_0_worker_cards is missing else l_0_worker_cards))
        yield '</div>\n</section>\n'
    yield '\n<section aria-labelledby="secrets-h">\n<h2 id="secrets-h">Secrets to set ('
    yield escape(t_3((undefined(name='secrets') if l_0_secrets is missing else l_0_secrets)))
    yield ')</h2>\n'
    if (undefined(name='secrets') if l_0_secrets is missing else l_0_secrets):
        pass
        yield '<p>Names only: set each value with <code>npx wrangler secret put NAME</code> in the Worker\'s folder.</p>\n<table>\n<thead><tr><th scope="col">Worker</th><th scope="col">Secret</th></tr></thead>\n<tbody>\n'
        for (l_1_worker, l_1_name) in (undefined(name='secrets') if l_0_secrets is missing else l_0_secrets):
            _loop_vars = {}
            pass
            yield '<tr><td><code>'
            yield escape(l_1_worker)
            yield '</code></td><td><code>'
            yield escape(l_1_name)
            yield '</code></td></tr>\n'
        l_1_worker = l_1_name = missing
        yield '</tbody>\n</table>\n'
    else:
        pass
        yield '<p>None.</p>'
    yield '</section>\n\n<section aria-labelledby="findings-h">\n<h2 id="findings-h">Findings ('
    yield escape(t_3(environment.getattr((undefined(name='doc') if l_0_doc is missing else l_0_doc), 'findings')))
    yield ')</h2>\n'
    for (l_1_label, l_1_count, l_1_open, l_1_rows) in (undefined(name='finding_groups') if l_0_finding_groups is missing else l_0_finding_groups):
        _loop_vars = {}
        pass
        yield '<details'
        if l_1_open:
            pass
            yield ' open'
        yield '>\n<summary>'
        yield escape(l_1_label)
        yield ' ('
        yield escape(l_1_count)
        yield ')</summary>\n<table>\n<thead><tr><th scope="col">Where</th><th scope="col">Rule</th><th scope="col">Service</th><th scope="col">What</th><th scope="col">What to do</th></tr></thead>\n<tbody>\n'
        yield escape(l_1_rows)
        yield '</tbody>\n</table>\n</details>\n'
    l_1_label = l_1_count = l_1_open = l_1_rows = missing
    yield '</section>\n</main>\n<script>\n(function () {\n  "use strict";\n  window.addEventListener("beforeprint", function () {\n    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.open = true; });\n  });\n  var table = document.getElementById("services");\n  if (!table) { return; }\n  var body = table.tBodies[0];\n  var heads = table.tHead.rows[0].cells;\n  function value(row, index) {\n    var cell = row.cells[index];\n    var key = cell.getAttribute("data-sort");\n    return key !== null ? Number(key) : cell.textContent.trim().toLowerCase();\n  }\n  Array.prototype.forEach.call(heads, function (th, index) {\n    th.querySelector("button").addEventListener("click", function () {\n      var ascending = th.getAttribute("aria-sort") !== "ascending";\n      Array.prototype.forEach.call(heads, function (other) { other.removeAttribute("aria-sort"); });\n      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");\n      var rows = Array.prototype.slice.call(body.rows);\n      rows.sort(function (a, b) {\n        var x = value(a, index), y = value(b, index);\n        var order = x < y ? -1 : x > y ? 1 : 0;\n        return ascending ? order : -order;\n      });\n      rows.forEach(function (row) { body.appendChild(row); });\n    });\n  });\n  var input = document.getElementById("filter");\n  var count = document.getElementById("filter-count");\n  input.addEventListener("input", function () {\n    var words = input.value.toLowerCase().split(/\\s+/).filter(Boolean);\n    var shown = 0;\n    Array.prototype.forEach.call(body.rows, function (row) {\n      var text = row.textContent.toLowerCase();\n      var match = words.every(function (w) { return text.indexOf(w) !== -1; });\n      row.hidden = !match;\n      if (match) { shown += 1; }\n    });\n    count.textContent = words.length ? shown + " of " + body.rows.length + " shown" : "";\n  });\n}());\n</script>\n</body>\n</html>\n'

blocks = {}
debug_info = '7=55&82=57&83=60&84=63&86=67&87=70&92=83&94=87&97=93&99=113&100=115&101=117&102=119&103=121&105=136&110=140&112=143&113=145&115=149&116=164&117=166&125=175&127=179&128=187&130=189&131=193&133=198&134=202&136=207&138=209&144=221&165=223&175=225&181=227&187=229&195=231&199=245&200=249&202=263&205=267&209=281&211=284&213=286&219=289&220=291&225=294&226=298&234=308&235=310&236=314&237=318&241=322'