"""A number said of no model: "One newcomer reached 30% of video generations in May".

A share said of an unnamed model ("one newcomer", "a new model", 一款新模型, 某个模型) in a
sentence that names no model, family or provider cannot be checked: any model's share could
make it true, so it is reported with "say which model". (A model the data does not know,
"Midjourney", is reported by verify._unknown_names.)
"""

from __future__ import annotations

import re

# An unnamed subject, English and Chinese side by side.
PHRASES = (
    r"(?i)\b(?:one|a|another|some|an)\s+(?:new|newly[-\s]launched|newly[-\s]released|"
    r"mystery|unnamed|unknown|little[-\s]known|surprise|single|lone)?\s*"
    r"(?:(?:text|reasoning|image|video|audio|speech|voice|chat|Chinese|open|open-source|"
    r"open-weight)\s+)?(?:newcomer|model|"
    r"entrant|challenger|rival|upstart|family|provider|lab|startup|player|contender|bot)\b",
    r"(?:一|某|另一)(?:款|个|家|位)?(?:新|新上线的|新发布的)?(?:模型|新秀|新玩家|玩家|厂商|"
    r"实验室|机器人|产品|对手|选手)",
    r"某(?:家|个|款)[^，。；]{0,10}?(?:模型|公司|厂商|实验室)",
)
_RX = tuple(re.compile(p) for p in PHRASES)


# "MiniMax's Kling-2.0", "腾讯的Wan", "Kling-2.0, MiniMax's new video model": a provider said
# to own a family; what lies between them (a few words of description, no other name)
_OWNS = re.compile(r"(?i)^(?:'s|’s)(?:\s+[A-Za-z-]+){0,4}?[\s*_]*$|"
                   r"^(?:的|旗下的?|家的)(?:新|新款|最新的?)?[\s*_]*$")
_OWNED = re.compile(r"(?i)^[\s*_]*[,，]\s*(?:the\s+|a\s+)?$")


def _owners(s) -> list:
    """A family named as a provider's that the registry gives to another provider."""
    out = []
    owner = getattr(s.ledger, "owner", {})
    names = sorted(s.names)
    for (a0, a1, ea), (b0, b1, eb) in zip(names, names[1:]):
        pairs = []
        if _OWNS.match(s.masked[a1:b0]):  # "MiniMax's X", "腾讯的X"
            pairs = [(p, f) for p in ea if p.kind == "provider" for f in eb if f.kind == "family"]
        elif _OWNED.match(s.masked[a1:b0]) and re.match(r"(?:'s|’s|的)", s.masked[b1:b1 + 2]):
            pairs = [(p, f) for p in eb if p.kind == "provider" for f in ea if f.kind == "family"]
        for p, f in pairs:
            if f.name in owner and owner[f.name] != p.name and f.name != p.name:
                out.append(s.issue(a0, b1, f"{f.name} is {owner[f.name]}'s, not {p.name}'s"))
    return out


def check(s) -> list:
    owned = _owners(s)
    if s.names:
        return owned
    shares = [m for m in s.mentions if m.kind in ("pct", "number")]
    if not shares:
        return []
    for rx in _RX:
        for m in rx.finditer(s.masked, s.start, s.end):
            if any(x.start > m.start() for x in shares):
                return [s.issue(m.start(), m.end(),
                                "names no model: the numbers of this sentence could be any "
                                "model's; say which model")]
    return []


def extra_mentions(s, taken):
    return []
