"""The screen's half of a turn: a touch heard as its spoken twin, and the screen drawn after.

Both are interceptors wired by :mod:`skill.app`; what to draw is decided by the pure
:mod:`skill.screens`.
"""
