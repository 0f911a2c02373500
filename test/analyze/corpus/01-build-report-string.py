# expect: string-concat-in-loop
def render(rows):
    html = "<table>"
    for row in rows:
        html += "<tr><td>" + str(row) + "</td></tr>"
    html += "</table>"
    return html
