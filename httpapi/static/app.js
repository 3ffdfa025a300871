// highlight
