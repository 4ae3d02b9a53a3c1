# Made by `python -m migrator.emit.compile_templates`; do not edit.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'index.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_worker = resolve('worker')
    try:
        t_1 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    pass
    yield '<!doctype html>\n<title>'
    yield str(environment.getattr((undefined(name='worker') if l_0_worker is missing else l_0_worker), 'name'))
    yield '</title>\n<p>Replace this folder with the built site of '
    yield str(t_1(context.eval_ctx, environment.getattr((undefined(name='worker') if l_0_worker is missing else l_0_worker), 'services'), ', '))
    yield '.</p>\n'

blocks = {}
debug_info = '2=19&3=21'