# Made by `python -m migrator.emit.compile_templates`; do not edit.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'dev.vars.example.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_dev_vars = resolve('dev_vars')
    l_0_hyperdrive = resolve('hyperdrive')
    try:
        t_1 = environment.filters['comment']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'comment' found.")
    pass
    yield '# Secrets for `wrangler dev`: copy to .dev.vars and fill in. Never commit .dev.vars.\n# In production set each with `npx wrangler secret put NAME`.\n# MIGRATOR_CHECK_TOKEN enables GET /__migrator/check (send it in the x-migrator-check header).\n'
    for (l_1_name, l_1_writable) in (undefined(name='dev_vars') if l_0_dev_vars is missing else l_0_dev_vars):
        _loop_vars = {}
        pass
        if l_1_writable:
            pass
            yield str(l_1_name)
            yield '=\n'
        else:
            pass
            yield '# (a secret whose name is not a variable name: set it with `npx wrangler secret put`, see wrangler.jsonc)\n'
    l_1_name = l_1_writable = missing
    for l_1_e in (undefined(name='hyperdrive') if l_0_hyperdrive is missing else l_0_hyperdrive):
        _loop_vars = {}
        pass
        yield '# Hyperdrive '
        yield str(t_1(environment.getattr(environment.getattr(l_1_e, 'value'), 'binding')))
        yield ': `wrangler dev` connects to localConnectionString in wrangler.jsonc. For another\n# database set CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_'
        yield str(t_1(environment.getattr(environment.getattr(l_1_e, 'value'), 'binding')))
        yield ' in your shell or .env (not here: wrangler does not read it from .dev.vars).\n'
    l_1_e = missing

blocks = {}
debug_info = '4=20&5=23&6=25&11=31&12=35&13=37'