"""PyYAML's and libyaml's error texts in Chinese, for messages in the user's language.

A text not listed here is left out of the Chinese message (the English one keeps it): the place
of the finding still says where the problem is."""

from __future__ import annotations

from types import MappingProxyType

_PROBLEMS = MappingProxyType({
    "mapping values are not allowed in this context": "此处不能出现映射的值（冒号的位置或缩进有误？）",
    "mapping values are not allowed here": "此处不能出现映射的值（冒号的位置或缩进有误？）",
    "block sequence entries are not allowed in this context": "此处不能出现列表项“-”",
    "block sequence entries are not allowed here": "此处不能出现列表项“-”",
    "mapping keys are not allowed in this context": "此处不能出现映射的键“?”",
    "mapping keys are not allowed here": "此处不能出现映射的键“?”",
    "could not find expected ':'": "没有找到应有的冒号“:”",
    "did not find expected key": "没有找到应有的键（缩进有误？）",
    "did not find expected node content": "没有找到应有的内容",
    "did not find expected '-' indicator": "没有找到应有的列表项标记“-”（缩进有误？）",
    "did not find expected ',' or ']'": "没有找到应有的“,”或“]”",
    "did not find expected ',' or '}'": "没有找到应有的“,”或“}”",
    "found unexpected end of stream": "文件意外结束（引号或括号没有闭合？）",
    "found character that cannot start any token": "出现了不能开始任何内容的字符（如制表符、“@”或“`”）",
    "found unknown escape character": "双引号里有未知的转义字符",
    "did not find expected hexdecimal number": "转义序列里缺少十六进制数字",
    "found invalid Unicode character escape code": "双引号里的 Unicode 转义码无效",
    "did not find expected alphabetic or numeric character": "没有找到应有的字母或数字",
    "did not find expected comment or line break": "此处应是注释或换行",
    "did not find expected whitespace or line break": "此处应有空白或换行",
    "did not find expected whitespace": "此处应有空白",
    "found a tab character that violates indentation": "制表符破坏了缩进（请用空格缩进）",
    "found a tab character where an indentation space is expected": "此处应以空格缩进，却是制表符",
    "found an indentation indicator equal to 0": "块文字的缩进指示符不能为 0",
    "found unexpected document indicator": "出现了意外的文档标记（“---”或“...”）",
    "did not find expected directive name": "缺少指令名",
    "found unexpected non-alphabetical character": "出现了意外的非字母字符",
    "found unknown directive name": "不认识的指令",
    "found incompatible YAML document": "YAML 版本不兼容（%YAML 指令）",
    "found duplicate %YAML directive": "%YAML 指令重复",
    "found duplicate %TAG directive": "%TAG 指令重复",
    "found undefined tag handle": "使用了未定义的标签前缀",
    "did not find expected tag URI": "标签写法有误",
    "did not find URI escaped octet": "标签写法有误",
    "found an incorrect leading UTF-8 octet": "标签里的 UTF-8 编码无效",
    "found an incorrect trailing UTF-8 octet": "标签里的 UTF-8 编码无效",
    "did not find expected <document start>": "没有找到应有的文档开始标记“---”",
    "found undefined alias": "引用了未定义的别名",
    "second occurrence": "锚点第二次出现",
    "found duplicate anchor; first occurrence": "锚点重复定义；第一次出现",
    "exceeded maximum nesting depth": "嵌套层数超过上限",
    "control characters are not allowed": "不允许出现控制字符",
    "invalid leading UTF-8 octet": "UTF-8 编码无效",
    "incomplete UTF-8 octet sequence": "UTF-8 编码不完整",
    "invalid trailing UTF-8 octet": "UTF-8 编码无效",
    "invalid length of a UTF-8 sequence": "UTF-8 编码无效",
    "invalid Unicode character": "无效的 Unicode 字符",
    "input is too long": "输入过长",
    "syntax error": "语法错误",
})

_CONTEXTS = MappingProxyType({
    "while scanning a simple key": "读取键时",
    "while parsing a block mapping": "解析块映射时",
    "while parsing a block collection": "解析块列表时",
    "while parsing a flow sequence": "解析方括号列表时",
    "while parsing a flow mapping": "解析花括号映射时",
    "while parsing a flow node": "解析括号内的内容时",
    "while parsing a block node": "解析内容时",
    "while parsing a node": "解析内容时",
    "while scanning a quoted scalar": "读取引号内的文字时",
    "while parsing a quoted scalar": "读取引号内的文字时",
    "while scanning a plain scalar": "读取文字时",
    "while scanning a block scalar": "读取块文字（| 或 >）时",
    "while scanning an anchor": "读取锚点“&”时",
    "while scanning an alias": "读取别名“*”时",
    "while scanning a tag": "读取标签“!”时",
    "while parsing a tag": "读取标签“!”时",
    "while scanning a directive": "读取指令“%”时",
    "while scanning a %YAML directive": "读取 %YAML 指令时",
    "while scanning a %TAG directive": "读取 %TAG 指令时",
    "while scanning for the next token": "读取下一项内容时",
    "while increasing flow level": "括号层层嵌套时",
    "while composing a mapping": "组成映射时",
    "found duplicate anchor; first occurrence": "锚点重复定义；第一次出现",
})


def zh_problem(text: str) -> str | None:
    """The Chinese of a YAML error's problem, or None when it is not known."""
    return _PROBLEMS.get(text.strip())


def zh_context(text: str) -> str | None:
    """The Chinese of a YAML error's context ("while scanning …"), or None when it is not known."""
    return _CONTEXTS.get(text.strip())
