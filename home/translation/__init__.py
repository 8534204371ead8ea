"""Translation in one place: who may translate what (guards, services), the
admin views in front of wagtail-localize's, what is still untranslated
(status), machine translation, and the template tags that show content in its
own language and direction."""
