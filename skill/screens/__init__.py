"""What an Echo Show shows: APL documents as data, and the datasources that fill them.

Everything here is pure (no Alexa SDK types, no I/O beyond reading the
package's own JSON once): which screen fits a turn (:mod:`skill.screens.choose`),
the documents (:mod:`skill.screens.documents`, kept in ``apl/``), one module per
screen building its datasource from content and the household, and what a touch
on the screen means (:mod:`skill.screens.touch`). The presenter that attaches
the ``RenderDocument`` directive lives in :mod:`skill.display.presenter`.
"""
