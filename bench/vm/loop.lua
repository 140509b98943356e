-- The same integer loop as loop.go.
local sum = 0
for i = 0, 20000000 - 1 do
  sum = sum + i % 7
end
print(sum)
